// SPDX-License-Identifier: GPL-3.0-or-later
#include "FuzzTargets.h"

#include "DocxImporter.h"
#include "JatsImporter.h"
#include "PaperImporter.h"
#include "PdfFigures.h"
#include "PdfImporter.h"
#include "PubMedImporter.h"
#include "net/ApiFailure.h"
#include "render/CaptionTrack.h"
#include "script/Script.h"
#include "script/ScriptValidator.h"
#include "script/SpeechText.h"
#include "voice/Narration.h"

#include <QFont>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>
#include <cstdlib>

namespace hh::fuzz {

namespace {

// What a job does with an imported paper: paper.json written and read back,
// then the sentences the script writer works from. A refusal must be typed and
// worded, and never Internal, which is reserved for our own bugs.
QString checkImport(const Result<Paper>& result) {
    if (!result.ok()) {
        if (result.error().type == ErrorType::None)
            return QStringLiteral("failure without an error type");
        if (result.error().type == ErrorType::Internal)
            return QStringLiteral("input reported as an internal error: ") + result.error().message;
        if (result.error().message.isEmpty())
            return QStringLiteral("error without a message");
        return {};
    }
    const QByteArray json = QJsonDocument(result.value().toJson()).toJson();
    const Paper back = Paper::fromJson(QJsonDocument::fromJson(json).object());
    if (back.title != result.value().title || back.sections != result.value().sections)
        return QStringLiteral("paper.json does not round-trip");
    (void)back.sentences();
    return {};
}

ImportOptions importOptions() {
    ImportOptions options;
    // Figures are copied or rendered, which is where image bombs would bite.
    options.extractFigures = true;
    return options;
}

Paper scriptPaper() {
    Paper paper;
    paper.title = QStringLiteral("Otters use tools");
    paper.abstract = {{QString(), QStringLiteral("Otters crack 12 shells an hour. The effect was "
                                                 "large (p < 0.05) in 3 of 4 bays.")}};
    return paper;
}

} // namespace

void ensureGuiApp() {
    if (QCoreApplication::instance())
        return;
    qputenv("QT_QPA_PLATFORM", "offscreen");
    static int argc = 1;
    static char name[] = "hh-fuzz";
    static char* argv[] = {name, nullptr};
    static QGuiApplication* app = new QGuiApplication(argc, argv);
    (void)app;
}

QString jats(const QByteArray& input) {
    ensureGuiApp();
    return checkImport(JatsImporter().import(input, QStringLiteral("fuzz.nxml"), importOptions()));
}

QString pubmed(const QByteArray& input) {
    ensureGuiApp();
    ImportOptions options = importOptions();
    // Half the inputs ask for one PMID, the path identifier fetches take.
    if (input.size() % 2 == 1)
        options.pmid = QStringLiteral("12091962");
    return checkImport(PubMedImporter().import(input, QStringLiteral("fuzz.xml"), options));
}

QString docx(const QByteArray& input) {
    ensureGuiApp();
    ImportOptions options = importOptions();
    // A zip bomb must meet the cap, not the fuzzer's memory limit.
    options.maxUnpackedBytes = 64LL * 1024 * 1024;
    return checkImport(DocxImporter().import(input, QStringLiteral("fuzz.docx"), options));
}

QString pdf(const QByteArray& input) {
    ensureGuiApp();
    ImportOptions options = importOptions();
    // Rendering figures costs ~50 ms a page: a quarter of the inputs do it, the
    // rest keep the executions per second up for the text path.
    options.extractFigures = input.size() % 4 == 0;
    options.maxPdfPages = 20;
    // Our own scan of the raw bytes runs on every input, whatever Poppler makes of it.
    const pdf::PictureClaims claims = pdf::scanPictureClaims(input);
    if (claims.widest < 0 || claims.tallest < 0 || claims.largestPixels < 0)
        return QStringLiteral("negative picture size");
    return checkImport(PdfImporter().import(input, QStringLiteral("fuzz.pdf"), options));
}

// script.json as a user may leave it after "pause after script": read,
// validated against the paper, spoken text derived, written back and read again.
QString scriptJson(const QByteArray& input) {
    static const Paper paper = scriptPaper();
    const auto script = Script::fromJson(QJsonDocument::fromJson(input).object());
    if (!script)
        return script.error().message.isEmpty() ? QStringLiteral("error without a message")
                                                : QString();
    (void)validateScript(script.value(), paper);
    for (const Scene& scene : script.value().scenes) {
        (void)cleanForSpeech(scene.narration);
        (void)keyNumberPhrase(scene.headline);
        (void)numbersIn(scene.narration);
    }
    const auto again = Script::fromJson(script.value().toJson());
    if (!again || again.value().scenes.size() != script.value().scenes.size())
        return QStringLiteral("a script that was read does not read back the same");
    return {};
}

QString wav(const QByteArray& input) {
    const auto narration = Narration::fromWav(input);
    if (!narration)
        return narration.error().type == ErrorType::Unsupported
                   ? QString()
                   : QStringLiteral("a bad WAV is not reported as unsupported");
    if (narration.value().sampleRate <= 0)
        return QStringLiteral("decoded audio without a sample rate");
    if (narration.value().pcm.size() > input.size())
        return QStringLiteral("decoded more audio than the file holds");
    (void)narration.value().durationMs();
    // What generate-audio writes must decode to the same samples.
    const auto again = Narration::fromWav(narration.value().toWav());
    if (!again || again.value().pcm != narration.value().pcm)
        return QStringLiteral("toWav output does not decode to the same samples");
    return {};
}

// words.json as add-captions reads it: word timings, then the caption track
// (cue layout with real font metrics) and its SRT/VTT files.
QString wordsJson(const QByteArray& input) {
    ensureGuiApp();
    Narration audio;
    audio.sampleRate = 24000;
    audio.pcm = QByteArray(24000 * 2, '\0'); // one second
    const auto narration =
        Narration::withWordsFromJson(audio, QJsonDocument::fromJson(input).array());
    if (!narration)
        return narration.error().message.isEmpty() ? QStringLiteral("error without a message")
                                                   : QString();
    const Narration& n = narration.value();
    if (n.sceneStartMs.size() != n.sceneEndMs.size())
        return QStringLiteral("scene starts and ends disagree");
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(60);
    const CaptionTrack track(n.words, font, 900, 32, n.durationMs());
    for (const CaptionCue& cue : track.cues()) {
        if (cue.startMs > cue.endMs)
            return QStringLiteral("a caption ends before it starts");
    }
    (void)track.toSrt();
    (void)track.toVtt();
    for (const qint64 ms : {qint64(0), qint64(500), n.durationMs()}) {
        (void)track.cueAt(ms);
        (void)track.activeWordAt(ms);
    }
    return {};
}

// Input layout, so seeds stay readable: the status code on the first line, then
// "name: value" header lines, an empty line, then the body.
QString apiFailure(const QByteArray& input) {
    HttpResponse response;
    const qsizetype split = input.indexOf("\n\n");
    const QByteArray head = split < 0 ? input : input.left(split);
    response.body = split < 0 ? QByteArray() : input.mid(split + 2);
    const QList<QByteArray> lines = head.split('\n');
    response.status = lines.value(0).trimmed().toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            response.headers.append(
                {lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed()});
    }
    for (const auto interpret : {&interpretGeminiError, &interpretRunwayError}) {
        const ApiFailure failure = interpret(response);
        if (!failure.isFailure() || !failure.error.isError() || failure.error.message.isEmpty())
            return QStringLiteral("an error response without a worded failure");
        if (failure.retryAfterMs < -1)
            return QStringLiteral("negative retry hint");
    }
    if (retryAfterHintMs(response, 1'700'000'000'000LL) < -1)
        return QStringLiteral("negative Retry-After");
    if (parseDurationMs(QString::fromUtf8(response.body.left(64))) < -1)
        return QStringLiteral("negative duration");
    return {};
}

QStringList targetNames() {
    return {QStringLiteral("jats"),       QStringLiteral("pubmed"),      QStringLiteral("docx"),
            QStringLiteral("pdf"),        QStringLiteral("script_json"), QStringLiteral("wav"),
            QStringLiteral("words_json"), QStringLiteral("api_failure")};
}

Target targetByName(const QString& name) {
    const Target targets[] = {&jats,       &pubmed, &docx,      &pdf,
                              &scriptJson, &wav,    &wordsJson, &apiFailure};
    const qsizetype index = targetNames().indexOf(name);
    return index < 0 ? nullptr : targets[index];
}

int runOne(Target target, const uint8_t* data, size_t size) {
    const QString problem =
        target(QByteArray(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size)));
    if (!problem.isEmpty()) {
        std::fprintf(stderr, "invariant broken: %s\n", qPrintable(problem));
        std::abort();
    }
    return 0;
}

} // namespace hh::fuzz
