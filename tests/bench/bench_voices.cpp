// SPDX-License-Identifier: GPL-3.0-or-later
// Built-in voices compared for intelligibility and speed: each corpus paper's
// 60 s script is spoken by espeak-ng (en-us) and by Flite's four English
// voices, each scene is transcribed by pocketsphinx (Debian's
// pocketsphinx_continuous with the en-us model) and scored by word error rate
// against the script, and the synthesis time is set against the audio length.
// Usage: bench_voices [papers=4]; needs the pocketsphinx and pocketsphinx-en-us
// packages. Not run by ctest (the README's "Voices" section quotes its output).
#include "PaperImporter.h"
#include "TestUtil.h"
#include "providers/PcmDecode.h"
#include "script/ExtractiveScriptWriter.h"
#include "voice/EspeakVoice.h"
#include "voice/FliteVoice.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <cstdio>
#include <vector>

using namespace hh;

namespace {

// Lower-case words without punctuation; tokens with digits are dropped from
// both sides (the recogniser spells numbers out, the script writes digits).
QStringList normalised(const QString& text) {
    static const QRegularExpression nonWord(QStringLiteral("[^a-z0-9' ]"));
    QString lower = text.toLower();
    lower.replace(QLatin1Char('-'), QLatin1Char(' '));
    lower.replace(nonWord, QStringLiteral(" "));
    QStringList words;
    for (const QString& word : lower.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!word.contains(QRegularExpression(QStringLiteral("[0-9]"))))
            words << word;
    }
    return words;
}

// Levenshtein distance over words.
int editDistance(const QStringList& a, const QStringList& b) {
    std::vector<int> row(size_t(b.size()) + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        row[size_t(j)] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int above = row[size_t(j)];
            row[size_t(j)] = std::min(
                {above + 1, row[size_t(j - 1)] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[size_t(b.size())];
}

QString transcribe(const QString& wavPath) {
    QProcess sphinx;
    sphinx.start(QStringLiteral("pocketsphinx_continuous"),
                 {QStringLiteral("-infile"), wavPath, QStringLiteral("-logfn"),
                  QStringLiteral("/dev/null")});
    sphinx.waitForFinished(600000);
    return QString::fromUtf8(sphinx.readAllStandardOutput()).simplified();
}

struct Score {
    qint64 errors = 0;
    qint64 words = 0;
    qint64 synthMs = 0;
    qint64 audioMs = 0;
};

void printTable(const QStringList& voices, const QList<Score>& scores) {
    std::printf("| voice | WER (pocketsphinx) | words | synthesis time / audio length |\n");
    std::printf("|---|---|---|---|\n");
    for (qsizetype v = 0; v < voices.size(); ++v) {
        const Score& s = scores[v];
        std::printf("| %s | %.1f %% | %lld | %.3f (%lld ms for %lld s) |\n",
                    qPrintable(voices.at(v)),
                    s.words ? 100.0 * double(s.errors) / double(s.words) : 0.0,
                    static_cast<long long>(s.words),
                    s.audioMs ? double(s.synthMs) / double(s.audioMs) : 0.0,
                    static_cast<long long>(s.synthMs), static_cast<long long>(s.audioMs / 1000));
    }
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const int paperCount = argc > 1 ? std::max(1, atoi(argv[1])) : 4;
    QStringList papers = QDir(hh::test::corpusPath(QStringLiteral("pmc_jats")))
                             .entryList({QStringLiteral("*.xml")}, QDir::Files, QDir::Name);
    papers = papers.mid(0, paperCount);
    const QStringList voices =
        QStringList{QStringLiteral("espeak-ng en-us")} + FliteVoice::voiceIds();
    QList<Score> scores(voices.size());
    QTemporaryDir dir;
    for (const QString& name : papers) {
        const auto paper =
            importPaperFile(hh::test::corpusPath(QStringLiteral("pmc_jats/") + name));
        if (!paper)
            continue;
        const auto script = ExtractiveScriptWriter().write(paper.value(), {}, {});
        if (!script)
            continue;
        for (const Scene& scene : script->scenes) {
            Script one;
            one.language = QStringLiteral("en");
            one.scenes = {scene};
            const QStringList reference = normalised(scene.narration);
            if (reference.isEmpty())
                continue;
            for (qsizetype v = 0; v < voices.size(); ++v) {
                VoiceParams params;
                QElapsedTimer timer;
                timer.start();
                Result<Narration> narration = Result<Narration>::failure(ErrorType::Internal, {});
                if (v == 0) {
                    params.voice = QStringLiteral("en-us");
                    narration = EspeakVoice().synthesize(one, params, {});
                } else {
                    params.voice = voices.at(v);
                    narration = FliteVoice().synthesize(one, params, {});
                }
                const qint64 synthMs = timer.elapsed();
                if (!narration)
                    continue;
                const auto pcm16k = resampleAudio({narration->sampleRate, narration->pcm}, 16000);
                if (!pcm16k)
                    continue;
                Narration wav;
                wav.sampleRate = 16000;
                wav.pcm = pcm16k->pcm;
                const QString path = dir.filePath(QStringLiteral("scene.wav"));
                QFile file(path);
                if (!file.open(QIODevice::WriteOnly))
                    return 1;
                file.write(wav.toWav());
                file.close();
                const QStringList heard = normalised(transcribe(path));
                Score& score = scores[v];
                score.errors += editDistance(reference, heard);
                score.words += reference.size();
                score.synthMs += synthMs;
                score.audioMs += narration->durationMs();
            }
        }
        std::fprintf(stderr, "%s done\n", qPrintable(name));
        printTable(voices, scores);
    }
    return 0;
}
