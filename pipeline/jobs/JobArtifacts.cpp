// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobArtifacts.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

namespace hh {

namespace {

Result<QJsonDocument> readJson(const QString& path) {
    QFile file(path);
    if (!file.exists())
        return Result<QJsonDocument>::failure(
            ErrorType::NotFound,
            JobArtifacts::tr("%1 is missing from the job folder").arg(QFileInfo(path).fileName()));
    if (!file.open(QIODevice::ReadOnly))
        return Result<QJsonDocument>::failure(
            ErrorType::Io, JobArtifacts::tr("cannot read %1: %2").arg(path, file.errorString()));
    QJsonParseError parseError;
    QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Result<QJsonDocument>::failure(
            ErrorType::Internal, JobArtifacts::tr("%1 is damaged (%2)")
                                     .arg(QFileInfo(path).fileName(), parseError.errorString()));
    return doc;
}

Result<QJsonObject> readObject(const QString& path) {
    auto doc = readJson(path);
    if (!doc)
        return Result<QJsonObject>(doc.error());
    if (!doc.value().isObject())
        return Result<QJsonObject>::failure(
            ErrorType::Internal,
            JobArtifacts::tr("%1 is damaged (not a JSON object)").arg(QFileInfo(path).fileName()));
    return doc.value().object();
}

Result<QJsonArray> readArray(const QString& path) {
    auto doc = readJson(path);
    if (!doc)
        return Result<QJsonArray>(doc.error());
    if (!doc.value().isArray())
        return Result<QJsonArray>::failure(
            ErrorType::Internal,
            JobArtifacts::tr("%1 is damaged (not a JSON array)").arg(QFileInfo(path).fileName()));
    return doc.value().array();
}

QList<qint64> planStarts(const QJsonObject& plan) {
    QList<qint64> starts;
    for (const auto& scene : plan.value(QLatin1String("scenes")).toArray())
        starts.append(qint64(scene.toObject().value(QLatin1String("start_ms")).toDouble(-1)));
    return starts;
}

} // namespace

Result<JobArtifacts> JobArtifacts::load(const QString& jobDir) {
    using R = Result<JobArtifacts>;
    if (!QFileInfo(jobDir).isDir())
        return R::failure(ErrorType::NotFound, tr("the job folder %1 does not exist").arg(jobDir));
    JobArtifacts artifacts;
    artifacts.m_dir = QDir(jobDir).absolutePath();

    auto paper = readObject(artifacts.path(QStringLiteral("paper.json")));
    if (!paper)
        return R(paper.error());
    artifacts.m_paper = Paper::fromJson(paper.value());

    auto script = readObject(artifacts.path(QStringLiteral("script.json")));
    if (!script)
        return R(script.error());
    auto parsedScript = Script::fromJson(script.value());
    if (!parsedScript)
        return R(parsedScript.error());
    artifacts.m_script = std::move(parsedScript).value();

    auto words = readArray(artifacts.path(QStringLiteral("words.json")));
    if (!words)
        return R(words.error());
    auto narration = Narration::withWordsFromJson(Narration{}, words.value());
    if (!narration)
        return R(narration.error());
    artifacts.m_words = narration.value().words;

    // The plan is what the renderer drew from, so it wins over the word-derived spans.
    QList<qint64> fromPlan;
    if (auto plan = readObject(artifacts.path(QStringLiteral("scenes/plan.json"))))
        fromPlan = planStarts(plan.value());
    artifacts.setSceneStarts(fromPlan, narration.value().sceneStartMs);
    artifacts.resolveSources();
    return artifacts;
}

QString JobArtifacts::path(const QString& artifact) const {
    return QDir(m_dir).filePath(artifact);
}

QString JobArtifacts::videoPath() const {
    return path(QStringLiteral("final_video.mp4"));
}

QList<SourceSentence> JobArtifacts::sources(int scene) const {
    return m_sources.value(scene);
}

void JobArtifacts::setSceneStarts(const QList<qint64>& planStarts,
                                  const QList<qint64>& wordStarts) {
    const qsizetype count = m_script.scenes.size();
    const bool planUsable =
        planStarts.size() == count && std::ranges::is_sorted(planStarts) &&
        std::ranges::none_of(planStarts, [](qint64 start) { return start < 0; });
    m_sceneStartMs.clear();
    for (qsizetype i = 0; i < count; ++i) {
        const qint64 fallback = m_sceneStartMs.isEmpty() ? 0 : m_sceneStartMs.last();
        m_sceneStartMs.append(planUsable ? planStarts[i] : wordStarts.value(i, fallback));
    }
}

void JobArtifacts::resolveSources() {
    QHash<QString, Sentence> byId;
    for (const Sentence& sentence : m_paper.sentences())
        byId.insert(sentence.id, sentence);
    m_sources.clear();
    for (const Scene& scene : std::as_const(m_script.scenes)) {
        QList<SourceSentence> resolved;
        for (const QString& id : scene.sources) {
            const Sentence sentence = byId.value(id);
            resolved.append({id, sentence.text, sentence.where});
        }
        m_sources.append(resolved);
    }
}

int JobArtifacts::sceneAt(qint64 ms) const {
    if (m_sceneStartMs.isEmpty())
        return -1;
    // First start after ms; the scene before it is on screen.
    const auto next = std::upper_bound(m_sceneStartMs.cbegin(), m_sceneStartMs.cend(), ms);
    return std::max(0, int(next - m_sceneStartMs.cbegin()) - 1);
}

int JobArtifacts::wordAt(qint64 ms) const {
    // Words are in speaking order; find the last one that started, then check it is
    // still being spoken.
    const auto next =
        std::upper_bound(m_words.cbegin(), m_words.cend(), ms,
                         [](qint64 value, const WordTiming& word) { return value < word.startMs; });
    if (next == m_words.cbegin())
        return -1;
    const auto word = std::prev(next);
    return ms < word->endMs ? int(word - m_words.cbegin()) : -1;
}

} // namespace hh
