// SPDX-License-Identifier: GPL-3.0-or-later
#include "Exporter.h"

#include "core/AtomicFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>
#include <algorithm>
#include <cerrno>

namespace hh {

namespace {

constexpr qsizetype kMaxSlug = 60;
constexpr qsizetype kMaxTitleTags = 4;
constexpr qsizetype kMinTags = 3;
constexpr int kMaxListedAuthors = 3;
constexpr qint64 kCopyChunk = 1 << 20;

// Accents folded to their base letter ("é" → "e"), everything else outside
// ASCII letters and digits becomes a separator.
QString asciiFolded(const QString& text) {
    QString out;
    for (const QChar c : text.normalized(QString::NormalizationForm_KD)) {
        if (c.unicode() < 128 && c.isLetterOrNumber())
            out.append(c.toLower());
        else if (c.category() != QChar::Mark_NonSpacing)
            out.append(QLatin1Char(' '));
    }
    return out;
}

QStringList asciiWords(const QString& text) {
    return asciiFolded(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

bool isStopWord(const QString& word) {
    static const QSet<QString> stop{
        QStringLiteral("about"),   QStringLiteral("after"),    QStringLiteral("against"),
        QStringLiteral("among"),   QStringLiteral("analysis"), QStringLiteral("approach"),
        QStringLiteral("based"),   QStringLiteral("before"),   QStringLiteral("between"),
        QStringLiteral("does"),    QStringLiteral("during"),   QStringLiteral("effect"),
        QStringLiteral("effects"), QStringLiteral("from"),     QStringLiteral("have"),
        QStringLiteral("into"),    QStringLiteral("more"),     QStringLiteral("over"),
        QStringLiteral("science"), QStringLiteral("study"),    QStringLiteral("than"),
        QStringLiteral("that"),    QStringLiteral("their"),    QStringLiteral("there"),
        QStringLiteral("these"),   QStringLiteral("this"),     QStringLiteral("through"),
        QStringLiteral("under"),   QStringLiteral("using"),    QStringLiteral("various"),
        QStringLiteral("versus"),  QStringLiteral("what"),     QStringLiteral("when"),
        QStringLiteral("where"),   QStringLiteral("which"),    QStringLiteral("while"),
        QStringLiteral("with"),    QStringLiteral("within"),   QStringLiteral("without"),
    };
    return stop.contains(word);
}

QString doiLink(const QString& doi) {
    if (doi.startsWith(QLatin1String("http://")) || doi.startsWith(QLatin1String("https://")))
        return doi;
    return QStringLiteral("https://doi.org/") + doi;
}

Error missingArtifact(const QString& path) {
    return {ErrorType::NotFound,
            QStringLiteral("%1 is missing from the job folder").arg(QFileInfo(path).fileName())};
}

Error writeError(int errnoValue, const QString& path, const QString& why) {
    const ErrorType type = classifyWriteError(errnoValue);
    return {type,
            type == ErrorType::DiskFull
                ? QStringLiteral("the disk is full while writing %1; free some space").arg(path)
                : QStringLiteral("cannot write %1: %2").arg(path, why)};
}

// Streams in chunks: a video may be far larger than is sensible to hold in memory.
Error copyAtomically(const QString& from, const QString& to) {
    QFile source(from);
    if (!source.exists())
        return missingArtifact(from);
    if (!source.open(QIODevice::ReadOnly))
        return {ErrorType::Io,
                QStringLiteral("cannot read %1: %2").arg(from, source.errorString())};
    QSaveFile target(to);
    errno = 0;
    if (!target.open(QIODevice::WriteOnly))
        return writeError(errno, to, target.errorString());
    while (!source.atEnd()) {
        const QByteArray chunk = source.read(kCopyChunk);
        if (chunk.isEmpty() && source.error() != QFileDevice::NoError) {
            target.cancelWriting();
            return {ErrorType::Io,
                    QStringLiteral("cannot read %1: %2").arg(from, source.errorString())};
        }
        errno = 0;
        if (target.write(chunk) != chunk.size()) {
            const int err = errno;
            target.cancelWriting();
            return writeError(err, to, target.errorString());
        }
    }
    errno = 0;
    if (!target.commit())
        return writeError(errno, to, target.errorString());
    return {};
}

QString authorLine(const QList<Author>& authors) {
    QStringList names;
    for (const Author& author :
         authors.first(std::min<qsizetype>(authors.size(), kMaxListedAuthors)))
        names << author.name;
    QString line = names.join(QLatin1String(", "));
    if (authors.size() > kMaxListedAuthors)
        line = Exporter::tr("%1 et al.").arg(line);
    return line;
}

QString sourceLine(const SourceSentence& source) {
    if (source.text.isEmpty())
        return Exporter::tr("  - %1 (no longer in the paper)").arg(source.id);
    return Exporter::tr("  - %1: \u201c%2\u201d").arg(source.where, source.text);
}

} // namespace

Exporter::Exporter(JobArtifacts artifacts)
    : m_artifacts(std::move(artifacts)) {}

QString Exporter::slug(const QString& title) {
    QString slug = asciiWords(title).join(QLatin1Char('-'));
    if (slug.size() > kMaxSlug) {
        slug.truncate(kMaxSlug +
                      1); // keep one more to see whether a word ends exactly at the limit
        const qsizetype cut = slug.lastIndexOf(QLatin1Char('-'));
        slug.truncate(cut > 0 ? cut : kMaxSlug);
    }
    while (slug.endsWith(QLatin1Char('-')))
        slug.chop(1);
    return slug.isEmpty() ? QStringLiteral("hidden-hill-video") : slug;
}

QStringList Exporter::hashtags(const QString& title) {
    QStringList keywords;
    for (const QString& word : asciiWords(title)) {
        const bool hasLetter = std::ranges::any_of(word, [](QChar c) { return c.isLetter(); });
        if (word.size() >= 4 && hasLetter && !isStopWord(word) && !keywords.contains(word))
            keywords << word;
    }
    // The longest words carry the most meaning; they keep their title order.
    if (keywords.size() > kMaxTitleTags) {
        QStringList byLength = keywords;
        std::ranges::stable_sort(byLength, std::ranges::greater{},
                                 [](const QString& word) { return word.size(); });
        byLength.resize(kMaxTitleTags);
        keywords.removeIf([&](const QString& word) { return !byLength.contains(word); });
    }
    QStringList tags;
    for (const QString& word : std::as_const(keywords))
        tags << QLatin1Char('#') + word;
    tags << QStringLiteral("#science");
    for (const QString& filler : {QStringLiteral("#research"), QStringLiteral("#papers")})
        if (tags.size() < kMinTags)
            tags.prepend(filler);
    return tags;
}

QString Exporter::description(const Paper& paper) {
    QStringList lines;
    lines << (paper.title.isEmpty() ? tr("Untitled paper") : paper.title);
    if (!paper.authors.isEmpty())
        lines << authorLine(paper.authors);
    QStringList venue;
    if (!paper.journal.isEmpty())
        venue << paper.journal;
    if (paper.year > 0)
        venue << QString::number(paper.year);
    if (!venue.isEmpty())
        lines << venue.join(QLatin1String(", "));
    if (!paper.doi.isEmpty())
        lines << doiLink(paper.doi);
    if (!paper.license.isEmpty())
        lines << tr("Licence: %1").arg(paper.license);
    lines << QString() << hashtags(paper.title).join(QLatin1Char(' '));
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QString Exporter::scriptText(const JobArtifacts& artifacts) {
    const Script& script = artifacts.script();
    QStringList lines;
    lines << (script.title.isEmpty() ? artifacts.paper().title : script.title) << QString();
    for (int i = 0; i < script.scenes.size(); ++i) {
        const Scene& scene = script.scenes[i];
        lines << tr("Scene %1: %2").arg(i + 1).arg(scene.headline) << scene.narration;
        const QList<SourceSentence> sources = artifacts.sources(i);
        if (!sources.isEmpty()) {
            lines << tr("Sources:");
            for (const SourceSentence& source : sources)
                lines << sourceLine(source);
        }
        lines << QString();
    }
    return lines.join(QLatin1Char('\n'));
}

QString Exporter::baseName() const {
    const Paper& paper = m_artifacts.paper();
    for (const QString& name : {paper.title, m_artifacts.script().title, paper.doi, paper.pmid})
        if (!asciiWords(name).isEmpty())
            return slug(name);
    return slug(QString());
}

QStringList Exporter::targetPaths(const QString& folder) const {
    const QDir dir(folder);
    const QString base = baseName();
    return {
        dir.filePath(base + QStringLiteral(".mp4")), dir.filePath(base + QStringLiteral(".srt")),
        dir.filePath(base + QStringLiteral(".vtt")), dir.filePath(base + QStringLiteral(".png")),
        dir.filePath(base + QStringLiteral("-script.txt"))};
}

Result<QStringList> Exporter::exportTo(const QString& folder, bool overwrite) const {
    using R = Result<QStringList>;
    const QStringList targets = targetPaths(folder);
    if (!overwrite) {
        for (const QString& target : targets)
            if (QFileInfo::exists(target))
                return R::failure(ErrorType::Io,
                                  tr("%1 already exists; choose another folder or replace it")
                                      .arg(QDir::toNativeSeparators(target)));
    }
    if (!QDir().mkpath(folder))
        return R::failure(ErrorType::Io, tr("cannot create the folder %1").arg(folder));
    const QStringList sources = {m_artifacts.videoPath(),
                                 m_artifacts.path(QStringLiteral("captions.srt")),
                                 m_artifacts.path(QStringLiteral("captions.vtt")),
                                 m_artifacts.path(QStringLiteral("thumbnail.png"))};
    for (qsizetype i = 0; i < sources.size(); ++i)
        if (Error e = copyAtomically(sources[i], targets[i]); e.isError())
            return R(e);
    if (Error e = writeFileAtomically(targets.last(), scriptText(m_artifacts).toUtf8());
        e.isError())
        return R(e);
    return targets;
}

} // namespace hh
