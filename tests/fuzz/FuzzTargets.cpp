// SPDX-License-Identifier: GPL-3.0-or-later
#include "FuzzTargets.h"

#include "DocxImporter.h"
#include "JatsImporter.h"
#include "PaperImporter.h"
#include "PdfFigures.h"
#include "PdfImporter.h"
#include "PubMedImporter.h"
#include "net/ApiFailure.h"
#include "providers/GeminiScriptWriter.h"
#include "providers/GeminiTtsReply.h"
#include "providers/LlmScriptParser.h"
#include "providers/NcbiClient.h"
#include "providers/NcbiPackageReader.h"
#include "providers/OpenAiScriptWriter.h"
#include "providers/PcmDecode.h"
#include "providers/RunwayClient.h"
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
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <zlib.h>

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

// A provider's refusal must be typed as one of `allowed` and worded.
QString checkRefusal(const Error& error, std::initializer_list<ErrorType> allowed,
                     const char* what) {
    if (error.message.isEmpty())
        return QStringLiteral("%1: error without a message").arg(QLatin1String(what));
    for (const ErrorType type : allowed) {
        if (error.type == type)
            return {};
    }
    return QStringLiteral("%1: error of an unexpected type: %2")
        .arg(QLatin1String(what), error.message);
}

// Tar headers carry a checksum the fuzzer would almost never get right: the
// harness writes it into every header the reader will meet, so mutations reach
// the size, type and path handling behind it.
QByteArray withTarChecksums(QByteArray tar) {
    constexpr qsizetype kBlock = 512;
    qsizetype offset = 0;
    while (offset + kBlock <= tar.size()) {
        char* block = tar.data() + offset;
        if (std::all_of(block, block + kBlock, [](char c) { return c == 0; }))
            break;
        std::memset(block + 148, ' ', 8);
        unsigned sum = 0;
        for (qsizetype i = 0; i < kBlock; ++i)
            sum += static_cast<unsigned char>(block[i]);
        std::snprintf(block + 148, 8, "%06o", sum); // NUL, then the space already there
        qint64 size = 0;
        for (int i = 124; i < 136 && block[i] >= '0' && block[i] <= '7'; ++i)
            size = size * 8 + (block[i] - '0');
        offset += kBlock + (size + kBlock - 1) / kBlock * kBlock;
    }
    return tar;
}

QByteArray gzipped(const QByteArray& data) {
    z_stream z{};
    if (deflateInit2(&z, 1, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out(qsizetype(deflateBound(&z, uLong(data.size()))) + 64, Qt::Uninitialized);
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.constData()));
    z.avail_in = uInt(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = uInt(out.size());
    const int status = deflate(&z, Z_FINISH);
    out.truncate(qsizetype(z.total_out));
    deflateEnd(&z);
    return status == Z_STREAM_END ? out : QByteArray();
}

QString checkPackage(const QByteArray& tarGz) {
    PackageLimits limits;
    // Small limits: the fuzzer's inputs are small, and the limits must hold exactly.
    limits.maxMembers = 64;
    limits.maxUnpackedBytes = 4LL * 1024 * 1024;
    const auto contents =
        NcbiPackageReader(limits).read(tarGz, [](const QString& path) { return path.size() % 2; });
    if (!contents.ok())
        return checkRefusal(contents.error(), {ErrorType::Unsupported, ErrorType::TooLarge},
                            "package");
    if (contents->members > limits.maxMembers)
        return QStringLiteral("more members than the limit");
    qint64 total = 0;
    for (const PackageMember& member : contents->files) {
        if (!NcbiPackageReader::isSafeMemberPath(member.path))
            return QStringLiteral("kept a member with an unsafe path: ") + member.path;
        if (member.path.size() % 2 == 0)
            return QStringLiteral("kept a member the filter refused");
        total += member.data.size();
    }
    if (total > limits.maxUnpackedBytes)
        return QStringLiteral("unpacked past the limit");
    return {};
}

// The LLM's answer as generate-script uses it: parsed against the paper, its
// problems found, flagged into the script, and written out as script.json.
QString checkScriptAnswer(const QString& answer) {
    static const Paper paper = [] {
        Paper p = scriptPaper();
        Figure figure;
        figure.id = QStringLiteral("fig1");
        figure.label = QStringLiteral("Figure 1");
        figure.imageData = QByteArray("\x89PNG");
        p.figures << figure;
        return p;
    }();
    static const LlmScriptParser parser(paper, ScriptParams{});
    auto script = parser.parse(answer);
    if (!script)
        return checkRefusal(script.error(), {ErrorType::Provider}, "script answer");
    const QList<ScriptIssue> problems = parser.problems(script.value());
    Script flagged = script.value();
    parser.flag(flagged, problems);
    const auto again = Script::fromJson(flagged.toJson());
    if (!again || again.value().scenes.size() != flagged.scenes.size())
        return QStringLiteral("a flagged script does not read back the same");
    return {};
}

QString checkPcm(const Result<PcmAudio>& audio, qsizetype inputBytes) {
    if (!audio)
        return checkRefusal(audio.error(), {ErrorType::Provider}, "audio");
    if (audio->sampleRate < 1000 || audio->sampleRate > 384000)
        return QStringLiteral("decoded audio at an impossible rate: %1").arg(audio->sampleRate);
    if (audio->pcm.isEmpty() || audio->pcm.size() % 2 != 0)
        return QStringLiteral("decoded audio that is not whole 16-bit samples");
    if (audio->pcm.size() > inputBytes)
        return QStringLiteral("decoded more audio than the input holds");
    // Chunks at different rates are joined at the voice's rate.
    const auto joined = resampleAudio(audio.value(), 24000);
    if (!joined)
        return QStringLiteral("decoded audio cannot be resampled: ") + joined.error().message;
    const qint64 drift = std::abs(joined->durationMs() - audio->durationMs());
    if (drift > 20)
        return QStringLiteral("resampling changed the duration by %1 ms").arg(drift);
    return {};
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

// What NCBI sends back, through every parser that reads it: the ID converter's
// JSON, the OA service's XML, efetch's answers (and <ERROR> bodies) as the
// fetcher imports them, error bodies at the statuses NCBI uses, and the
// open-access package: the bytes themselves when they are gzip, else the bytes
// as a tar (checksums fixed) gzipped by the harness.
QString ncbi(const QByteArray& input) {
    ensureGuiApp();
    if (const auto id = NcbiClient::parseIdConversion(input); !id.ok()) {
        if (QString problem = checkRefusal(id.error(), {ErrorType::Provider}, "idconv");
            !problem.isEmpty())
            return problem;
    } else if (!id->pmcid.isEmpty() && !id->pmcid.startsWith(QLatin1String("PMC"))) {
        return QStringLiteral("a PMCID without its prefix");
    }
    if (const auto oa = NcbiClient::parseOpenAccessRecord(input); !oa.ok()) {
        if (QString problem = checkRefusal(oa.error(), {ErrorType::Provider}, "oa");
            !problem.isEmpty())
            return problem;
    } else if (!oa->openAccess && !oa->packageUrl.isEmpty()) {
        return QStringLiteral("a package link for an article that is not open access");
    }
    if (const Error error = NcbiClient::transientErrorInBody(input); error.isError()) {
        if (error.type != ErrorType::Provider || error.message.isEmpty())
            return QStringLiteral("a transient body error that is not a worded provider error");
    }
    for (const int status : {400, 429, 500}) {
        HttpResponse response;
        response.status = status;
        response.body = input;
        const ApiFailure failure = NcbiClient::interpretError(response);
        if (!failure.isFailure() || !failure.error.isError() || failure.error.message.isEmpty())
            return QStringLiteral("an NCBI error response without a worded failure");
        if (failure.retryAfterMs < -1)
            return QStringLiteral("negative retry hint");
    }
    // efetch's answer as NcbiPaperFetcher reads it: no figures, one article asked for.
    ImportOptions options;
    options.pmid = input.size() % 2 ? QStringLiteral("PMC6398430") : QStringLiteral("12091962");
    options.extractFigures = false;
    if (QString problem =
            checkImport(importPaperData(input, QStringLiteral("efetch.xml"), options));
        !problem.isEmpty())
        return problem;
    return checkPackage(input.startsWith("\x1f\x8b") ? input : gzipped(withTarChecksums(input)));
}

// Gemini's and an OpenAI-compatible server's script replies, the script JSON
// inside them (and the input as a bare answer: fences, <think> blocks), and
// Gemini's TTS reply with its inline audio.
QString gemini(const QByteArray& input) {
    for (const auto read : {&readGeminiScriptReply, &readOpenAiScriptReply}) {
        UsageDelta usage;
        const auto answer = read(input, &usage);
        if (usage.tokensIn < 0 || usage.tokensOut < 0)
            return QStringLiteral("negative token counts");
        if (!answer) {
            if (QString problem =
                    checkRefusal(answer.error(), {ErrorType::Provider, ErrorType::ContentBlocked},
                                 "script reply");
                !problem.isEmpty())
                return problem;
            continue;
        }
        if (QString problem = checkScriptAnswer(answer->text); !problem.isEmpty())
            return problem;
    }
    if (QString problem = checkScriptAnswer(QString::fromUtf8(input)); !problem.isEmpty())
        return problem;
    const auto tts = GeminiTtsReply::parse(input);
    if (!tts)
        return checkRefusal(tts.error(), {ErrorType::Provider, ErrorType::ContentBlocked},
                            "tts reply");
    if (tts->promptTokens < 0 || tts->outputTokens < 0)
        return QStringLiteral("negative token counts");
    return checkPcm(decodeInlineAudio(tts->mimeType, tts->base64), tts->base64.size());
}

// Input layout: the MIME type on the first line, the audio bytes after it.
// They are decoded as bytes and, as an inlineData part holds them, as base64.
QString pcm(const QByteArray& input) {
    const qsizetype newline = input.indexOf('\n');
    const QString mimeType = QString::fromUtf8(newline < 0 ? input : input.left(newline));
    const QByteArray bytes = newline < 0 ? QByteArray() : input.mid(newline + 1);
    if (const auto type = parseAudioMimeType(mimeType); !type) {
        if (QString problem = checkRefusal(type.error(), {ErrorType::Provider}, "mime type");
            !problem.isEmpty())
            return problem;
    } else if (type->sampleRate < 1000 || type->channels < 1 || type->channels > 8) {
        return QStringLiteral("a MIME type read with an impossible rate or channel count");
    }
    if (QString problem = checkPcm(decodeAudioBytes(mimeType, bytes), bytes.size());
        !problem.isEmpty())
        return problem;
    return checkPcm(decodeInlineAudio(mimeType, bytes), bytes.size());
}

// Runway's replies: a created task, a task's state (and the error a failed one
// becomes), and error bodies at the statuses Runway uses.
QString runway(const QByteArray& input) {
    if (const auto id = RunwayClient::parseCreatedTaskId(input); !id) {
        if (QString problem = checkRefusal(id.error(), {ErrorType::Provider}, "task id");
            !problem.isEmpty())
            return problem;
    } else if (id->isEmpty() || id->contains(QLatin1Char('/')) || id->size() > 128) {
        return QStringLiteral("a task id unfit for a URL path: ") + id.value();
    }
    if (const auto task = RunwayClient::parseTaskReply(input); !task) {
        if (QString problem = checkRefusal(task.error(), {ErrorType::Provider}, "task");
            !problem.isEmpty())
            return problem;
    } else {
        if (task->progress != -1 && (task->progress < 0 || task->progress > 1))
            return QStringLiteral("progress outside 0..1");
        const Error failed = RunwayClient::taskFailureError(task.value());
        if (QString problem =
                checkRefusal(failed, {ErrorType::Provider, ErrorType::ContentBlocked}, "failed");
            !problem.isEmpty())
            return problem;
        (void)RunwayClient::isWorthResubmitting(task->failureCode);
    }
    for (const int status : {400, 401, 404, 429, 500, 503}) {
        HttpResponse response;
        response.status = status;
        response.body = input;
        const ApiFailure failure = interpretRunwayError(response);
        if (!failure.isFailure() || !failure.error.isError() || failure.error.message.isEmpty())
            return QStringLiteral("a Runway error response without a worded failure");
        if (failure.retryAfterMs < -1)
            return QStringLiteral("negative retry hint");
    }
    return {};
}

QStringList targetNames() {
    return {QStringLiteral("jats"),       QStringLiteral("pubmed"),      QStringLiteral("docx"),
            QStringLiteral("pdf"),        QStringLiteral("script_json"), QStringLiteral("wav"),
            QStringLiteral("words_json"), QStringLiteral("api_failure"), QStringLiteral("ncbi"),
            QStringLiteral("gemini"),     QStringLiteral("pcm"),         QStringLiteral("runway")};
}

Target targetByName(const QString& name) {
    const Target targets[] = {&jats,      &pubmed,     &docx, &pdf,    &scriptJson, &wav,
                              &wordsJson, &apiFailure, &ncbi, &gemini, &pcm,        &runway};
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
