// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobSteps.h"

#include "PaperImporter.h"
#include "StepProviders.h"
#include "VariantSharing.h"
#include "audio/Soundtrack.h"
#include "core/AtomicFile.h"
#include "core/StepControl.h"
#include "providers/NcbiPaperFetcher.h"
#include "providers/PaperIdentifier.h"
#include "render/Compositor.h"
#include "render/VideoEncoder.h"
#include "render/VideoProbe.h"
#include "script/ScriptValidator.h"

#include <QBuffer>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace hh {

namespace {

constexpr const char* kNames[] = {"fetch-paper",     "generate-script", "generate-audio",
                                  "generate-videos", "add-captions",    "done"};
constexpr const char* kScriptApproved = "script.approved";

Result<QJsonObject> readJsonObject(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Result<QJsonObject>::failure(
            ErrorType::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return Result<QJsonObject>::failure(
            ErrorType::Internal, QStringLiteral("%1 is not valid JSON (%2); fix or delete it")
                                     .arg(QFileInfo(path).fileName(), parseError.errorString()));
    return doc.object();
}

Result<QJsonArray> readJsonArray(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Result<QJsonArray>::failure(
            ErrorType::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isArray())
        return Result<QJsonArray>::failure(
            ErrorType::Internal,
            QStringLiteral("%1 is not a JSON array").arg(QFileInfo(path).fileName()));
    return doc.array();
}

bool looksLikeIdentifier(const QString& input) {
    // A file of that name wins: "10.1234/x" is also a valid relative path.
    return !QFileInfo::exists(input) && PaperIdentifier::parse(input).isValid();
}

StepControl makeControl(Step step, const JobSteps::Progress& progress,
                        const std::atomic_bool* cancel, const ProgressPlan& plan) {
    StepControl control;
    control.cancel = cancel;
    control.progress = [progress, step, plan](double fraction, const QString& detail) {
        if (progress)
            progress(step, plan.percentAt(step, fraction), detail);
    };
    return control;
}

// While a cloud call of a step waits (a rate limit, a busy service's backoff), the
// step's detail counts down ("Waiting for Google Gemini: rate limit, retrying in
// 12 s") at the step's last percent, instead of a bar that looks stuck. Only the
// job's own thread reports: sessions made for other threads get no reporter.
class WaitCountdown {
public:
    WaitCountdown(ProviderSession* session, const QString& providerName, Step step,
                  const JobSteps::Progress& progress, int startPercent)
        : m_lastPercent(std::make_shared<int>(startPercent)) {
        m_progress = [progress, last = m_lastPercent](Step s, int percent, const QString& d) {
            *last = percent;
            if (progress)
                progress(s, percent, d);
        };
        ProviderId id{};
        if (!session || !StepProviders::providerFor(providerName, &id))
            return;
        m_session = session;
        m_session->setWaitReporter(
            [progress, step, last = m_lastPercent,
             who = providerDisplayName(id)](const QString& reason, qint64 remainingMs) {
                if (!progress)
                    return;
                progress(step, *last,
                         remainingMs <= 0 ? QStringLiteral("asking %1 again").arg(who)
                                          : QStringLiteral("Waiting for %1: %2, retrying in %3 s")
                                                .arg(who, reason)
                                                .arg((remainingMs + 999) / 1000));
            });
    }
    ~WaitCountdown() {
        if (m_session)
            m_session->setWaitReporter({});
    }
    Q_DISABLE_COPY_MOVE(WaitCountdown)
    const JobSteps::Progress& progress() const { return m_progress; }

private:
    std::shared_ptr<int> m_lastPercent;
    JobSteps::Progress m_progress;
    ProviderSession* m_session = nullptr;
};

Error cancelledError() {
    return {ErrorType::Cancelled, QStringLiteral("the job was cancelled; retry to continue")};
}

} // namespace

QString stepName(Step step) {
    return QString::fromLatin1(kNames[int(step)]);
}
QJsonObject JobOptions::toJson() const {
    return {{QStringLiteral("input"), input},
            {QStringLiteral("duration"), durationSeconds},
            {QStringLiteral("aspect"), aspect},
            {QStringLiteral("voice"), voice},
            {QStringLiteral("words_per_minute"), wordsPerMinute},
            {QStringLiteral("pause_after_script"), pauseAfterScript},
            {QStringLiteral("x264_preset"), x264Preset},
            {QStringLiteral("crf"), crf},
            {QStringLiteral("caption_style"), captionStyleName(captionStyle)},
            {QStringLiteral("excluded_figures"), QJsonArray::fromStringList(excludedFigures)},
            {QStringLiteral("script"), scriptProvider},
            {QStringLiteral("voice_provider"), voiceProvider},
            {QStringLiteral("visuals"), visualsProvider},
            {QStringLiteral("share_from"), shareFrom},

            {QStringLiteral("lexicon_file"), lexiconFile},

            {QStringLiteral("music"), music},
            {QStringLiteral("music_volume_db"), musicVolumeDb}};
}

JobOptions JobOptions::fromJson(const QJsonObject& json) {
    JobOptions o;
    o.input = json.value(QLatin1String("input")).toString();
    o.durationSeconds = json.value(QLatin1String("duration")).toInt(60);
    o.aspect = json.value(QLatin1String("aspect")).toString(QStringLiteral("9:16"));
    o.voice = json.value(QLatin1String("voice")).toString();
    o.wordsPerMinute = json.value(QLatin1String("words_per_minute")).toInt(165);
    o.pauseAfterScript = json.value(QLatin1String("pause_after_script")).toBool();
    o.x264Preset = json.value(QLatin1String("x264_preset")).toString(QStringLiteral("ultrafast"));
    o.crf = json.value(QLatin1String("crf")).toInt(20);
    o.scriptProvider = json.value(QLatin1String("script")).toString(QStringLiteral("builtin"));
    o.voiceProvider =
        json.value(QLatin1String("voice_provider")).toString(QStringLiteral("builtin"));
    o.visualsProvider = json.value(QLatin1String("visuals")).toString(QStringLiteral("builtin"));
    o.captionStyle = captionStyleFromName(json.value(QLatin1String("caption_style")).toString());
    for (const auto& id : json.value(QLatin1String("excluded_figures")).toArray())
        o.excludedFigures << id.toString();
    o.shareFrom = json.value(QLatin1String("share_from")).toString();
    o.lexiconFile = json.value(QLatin1String("lexicon_file")).toString();
    o.music = json.value(QLatin1String("music")).toString();
    o.musicVolumeDb = json.value(QLatin1String("music_volume_db")).toDouble(-12.0);
    return o;
}

JobSteps::JobSteps(QString jobDir, JobOptions options)
    : m_dir(std::move(jobDir))
    , m_options(std::move(options))
    , m_plan(ProgressPlan::forJob(m_options)) {}

JobSteps::~JobSteps() = default;

void JobSteps::setProviders(std::shared_ptr<ProviderHub> hub, UsageSink* usage, qint64 owner) {
    m_session.reset();
    m_hub = std::move(hub);
    m_usage = usage;
    m_owner = owner;
}

bool JobSteps::isSharedStep(Step step) const {
    return m_sharing && m_sharing->plan().covers(step);
}

void JobSteps::setSharing(std::shared_ptr<VariantSharing> sharing) {
    m_sharing = std::move(sharing);
}

ProviderSession* JobSteps::session() {
    if (!m_hub)
        return nullptr;
    if (!m_session)
        m_session = std::make_unique<ProviderSession>(m_hub, m_usage, nullptr, m_owner);
    return m_session.get();
}

QString JobSteps::artifactPath(const QString& name) const {
    return QDir(m_dir).filePath(name);
}

bool JobSteps::isStepDone(Step step) const {
    const auto has = [this](const char* name) {
        return QFileInfo(artifactPath(QLatin1String(name))).isFile();
    };
    switch (step) {
    case Step::FetchPaper:
        return has("paper.json");
    case Step::GenerateScript:
        return has("script.json");
    case Step::GenerateAudio:
        return has("narration.wav") && has("words.json");
    case Step::GenerateVideos:
        return has("scenes/plan.json");
    case Step::AddCaptions:
        return has("final_video.mp4") && has("captions.srt") && has("captions.vtt") &&
               has("thumbnail.png");
    case Step::Done:
        return isStepDone(Step::AddCaptions);
    }
    return false;
}

Step JobSteps::firstMissingStep() const {
    for (int s = 0; s < int(Step::Done); ++s) {
        if (!isStepDone(Step(s)))
            return Step(s);
    }
    return Step::Done;
}

QStringList JobSteps::discardBrokenArtifacts() const {
    QStringList removed;
    // Temporary files of a step that was killed mid-write: never trusted, never kept.
    const QDir dir(m_dir);
    for (const QFileInfo& info :
         dir.entryInfoList({QStringLiteral("*.part"), QStringLiteral("*.part.*")},
                           QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden)) {
        const bool gone = info.isDir() ? QDir(info.filePath()).removeRecursively()
                                       : QFile::remove(info.filePath());
        if (gone)
            removed << info.fileName();
    }
    for (const char* name : {"paper.json", "script.json", "scenes/plan.json"}) {
        const QString path = artifactPath(QLatin1String(name));
        if (QFileInfo::exists(path) && !readJsonObject(path).ok() && QFile::remove(path))
            removed << QLatin1String(name);
    }
    const QString words = artifactPath(QStringLiteral("words.json"));
    if (QFileInfo::exists(words) && !readJsonArray(words).ok() && QFile::remove(words))
        removed << QStringLiteral("words.json");
    if (QFileInfo::exists(finalVideoPath()) && !VideoProbe::probe(finalVideoPath()).ok &&
        QFile::remove(finalVideoPath()))
        removed << QStringLiteral("final_video.mp4");
    return removed;
}

Error JobSteps::run(const Progress& progress, const std::atomic_bool* cancel, Step until) {
    if (!QDir().mkpath(m_dir))
        return {ErrorType::Io, QStringLiteral("cannot create the job folder %1").arg(m_dir)};
    // A music file that cannot be played fails the job now, not after minutes of work.
    if (!isStepDone(Step::AddCaptions))
        if (Error e = SoundtrackBuilder::checkMusic(m_options.music); e.isError())
            return e;
    for (Step step = firstMissingStep(); step != Step::Done; step = firstMissingStep()) {
        if (int(step) > int(until))
            break; // everything up to `until` is already there
        m_lastStep = step;
        if (cancel && cancel->load())
            return cancelledError();
        if (progress)
            progress(step, m_plan.startPercent(step), QStringLiteral("starting"));
        Error error;
        bool shared = false;
        if (m_sharing) {
            const auto waiting = [&](const QString& detail) {
                if (progress)
                    progress(step, m_plan.startPercent(step), detail);
            };
            switch (m_sharing->obtain(step, m_dir, waiting, cancel)) {
            case VariantSharing::Outcome::Cancelled:
                return cancelledError();
            case VariantSharing::Outcome::Shared:
                shared = true;
                break;
            case VariantSharing::Outcome::DoItself:
                break;
            }
        }
        switch (shared ? Step::Done : step) { // a shared step has nothing left to run
        case Step::FetchPaper:
            error = fetchPaper(progress, cancel);
            break;
        case Step::GenerateScript:
            error = generateScript(progress, cancel);
            break;
        case Step::GenerateAudio:
            error = generateAudio(progress, cancel);
            break;
        case Step::GenerateVideos:
            error = generateVideos(progress, cancel);
            break;
        case Step::AddCaptions:
            error = addCaptions(progress, cancel);
            break;
        case Step::Done:
            break;
        }
        if (error.isError())
            return error;
        if (!isStepDone(step))
            return {ErrorType::Internal,
                    QStringLiteral("%1 finished without its artifact").arg(stepName(step))};
        if (progress)
            progress(step, m_plan.endPercent(step),
                     shared ? VariantSharing::sharedDetail(m_sharing->sourceJobId())
                            : QStringLiteral("done"));
        if (step == until)
            break;
    }
    m_lastStep = firstMissingStep();
    return {};
}

Error JobSteps::fetchPaper(const Progress& progress, const std::atomic_bool* cancel) {
    if (looksLikeIdentifier(m_options.input))
        return fetchPaperByIdentifier(progress, cancel);
    ImportOptions options;
    options.password = m_options.password;
    options.extractFigures = true;
    options.cancel = cancel;
    const StepControl control = makeControl(Step::FetchPaper, progress, cancel, m_plan);
    control.report(0.1, QStringLiteral("reading %1").arg(QFileInfo(m_options.input).fileName()));
    auto result = importPaperFile(m_options.input, options);
    if (!result)
        return result.error();
    Paper paper = std::move(result).value();
    // Dropped before anything is saved: an unticked figure never reaches the job folder.
    paper.figures.removeIf(
        [this](const Figure& figure) { return m_options.excludedFigures.contains(figure.id); });
    control.report(0.7, QStringLiteral("saving %1 figures").arg(paper.figures.size()));
    QString figureError;
    if (!paper.saveFigures(artifactPath(QStringLiteral("figures")), &figureError))
        return {ErrorType::Io, figureError};
    if (paper.source == QLatin1String("pdf"))
        keepSourcePdf();
    return writeFileAtomically(artifactPath(QStringLiteral("paper.json")),
                               QJsonDocument(paper.toJson()).toJson(QJsonDocument::Indented));
}

// A copy of the PDF in the job folder: the video shows sentences on their page
// even after the original is moved or deleted, and a resume needs nothing outside
// the folder. Without it (a full disk) the video lays sentences out as text.
void JobSteps::keepSourcePdf() {
    const QString target = artifactPath(QStringLiteral("paper.pdf"));
    const QString part = attemptTemporaryPath(target);
    if (!QFile::copy(m_options.input, part) || syncFileToDisk(part).isError()) {
        QFile::remove(part);
        m_warnings << QStringLiteral("the PDF could not be kept in the job folder: sentences are "
                                     "shown as text instead of on their page");
        return;
    }
    QFile::remove(target);
    if (!QFile::rename(part, target))
        QFile::remove(part);
}

Error JobSteps::fetchPaperByIdentifier(const Progress& progress, const std::atomic_bool* cancel) {
    const PaperIdentifier id = PaperIdentifier::parse(m_options.input);
    ProviderSession* net = session();
    if (!net)
        return {ErrorType::Unsupported,
                QStringLiteral("fetching %1 needs the network providers, which this program was "
                               "started without; give the paper's PDF or XML file instead")
                    .arg(id.displayName())};
    const StepControl control = makeControl(Step::FetchPaper, progress, cancel, m_plan);
    NcbiPaperFetcher fetcher(*net);
    // Figures go to a fresh folder next to the final one: a half-fetched set never
    // looks like a finished step.
    const QString figures = artifactPath(QStringLiteral("figures"));
    auto paper = fetcher.fetch(id, figures, control);
    if (!paper)
        return paper.error();
    m_warnings << fetcher.warnings();
    return writeFileAtomically(
        artifactPath(QStringLiteral("paper.json")),
        QJsonDocument(paper.value().toJson()).toJson(QJsonDocument::Indented));
}

Error JobSteps::generateScript(const Progress& progress, const std::atomic_bool* cancel) {
    QFile::remove(artifactPath(QLatin1String(kScriptApproved))); // that script is gone
    auto json = readJsonObject(artifactPath(QStringLiteral("paper.json")));
    if (!json)
        return json.error();
    Paper paper = Paper::fromJson(json.value());
    // Figures exist as files now; the writer only needs to know which have images.
    ScriptParams params;
    params.targetSeconds = m_options.durationSeconds;
    // Plan for 150 words a minute (design/video-style.md) whatever the voice rate: pauses
    // between scenes and sentences eat the difference.
    params.wordsPerMinute = 150;
    const WaitCountdown waits(session(), m_options.scriptProvider, Step::GenerateScript, progress,
                              m_plan.startPercent(Step::GenerateScript));
    auto writer = StepProviders::scriptWriter(m_options.scriptProvider, session());
    if (!writer)
        return writer.error();
    auto script = writer.value()->write(
        paper, params, makeControl(Step::GenerateScript, waits.progress(), cancel, m_plan));
    if (!script)
        return script.error();
    for (const auto& issue : validateScript(script.value(), paper))
        m_warnings << issue.message;
    return writeFileAtomically(
        artifactPath(QStringLiteral("script.json")),
        QJsonDocument(script.value().toJson()).toJson(QJsonDocument::Indented));
}

Error JobSteps::generateAudio(const Progress& progress, const std::atomic_bool* cancel) {
    auto json = readJsonObject(artifactPath(QStringLiteral("script.json")));
    if (!json)
        return json.error();
    auto script = Script::fromJson(json.value());
    if (!script)
        return script.error();
    VoiceParams params;
    params.voice = m_options.voice;
    params.wordsPerMinute = m_options.wordsPerMinute;
    // The job's own lexicon file, else its account's (DataLayout: the job folder
    // is <account folder>/jobs/<job>).
    const QString lexiconFile =
        !m_options.lexiconFile.isEmpty()
            ? m_options.lexiconFile
            : Lexicon::accountFile(QDir(m_dir).absoluteFilePath(QStringLiteral("../..")));
    auto lexicon = Lexicon::load(lexiconFile);
    if (!lexicon)
        return lexicon.error();
    params.lexicon = lexicon.value();
    const WaitCountdown waits(session(), m_options.voiceProvider, Step::GenerateAudio, progress,
                              m_plan.startPercent(Step::GenerateAudio));
    auto voice = StepProviders::voice(m_options.voiceProvider, session());
    if (!voice)
        return voice.error();
    auto narration = voice.value()->synthesize(
        script.value(), params, makeControl(Step::GenerateAudio, waits.progress(), cancel, m_plan));
    if (!narration)
        return narration.error();
    if (Error e = writeFileAtomically(
            artifactPath(QStringLiteral("words.json")),
            QJsonDocument(narration.value().wordsJson()).toJson(QJsonDocument::Indented));
        e.isError())
        return e;
    return writeFileAtomically(artifactPath(QStringLiteral("narration.wav")),
                               narration.value().toWav());
}

Error JobSteps::generateVideos(const Progress& progress, const std::atomic_bool* cancel) {
    auto paperJson = readJsonObject(artifactPath(QStringLiteral("paper.json")));
    if (!paperJson)
        return paperJson.error();
    auto scriptJson = readJsonObject(artifactPath(QStringLiteral("script.json")));
    if (!scriptJson)
        return scriptJson.error();
    auto script = Script::fromJson(scriptJson.value());
    if (!script)
        return script.error();
    auto words = readJsonArray(artifactPath(QStringLiteral("words.json")));
    if (!words)
        return words.error();
    auto narration = Narration::withWordsFromJson(Narration{}, words.value());
    if (!narration)
        return narration.error();
    VisualsParams params;
    params.aspect = m_options.aspect;
    auto visuals = StepProviders::visuals(m_options.visualsProvider, session());
    if (!visuals)
        return visuals.error();
    StepControl control = makeControl(Step::GenerateVideos, progress, cancel, m_plan);
    if (m_notes)
        control.note = [notes = m_notes](const QString& line) {
            notes(Step::GenerateVideos, line);
        };
    return visuals.value()->prepare(Paper::fromJson(paperJson.value()), m_dir, script.value(),
                                    narration.value(), artifactPath(QStringLiteral("scenes")),
                                    params, control);
}

void JobSteps::approveScript() {
    if (QFileInfo::exists(artifactPath(QStringLiteral("script.json"))))
        writeFileAtomically(artifactPath(QLatin1String(kScriptApproved)),
                            QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toUtf8());
}

bool JobSteps::isScriptApproved() const {
    return QFileInfo::exists(artifactPath(QLatin1String(kScriptApproved)));
}

QStringList JobSteps::scriptIssues() const {
    auto json = readJsonObject(artifactPath(QStringLiteral("script.json")));
    if (!json)
        return {};
    auto script = Script::fromJson(json.value());
    if (!script)
        return {};
    QStringList issues = script.value().issues;
    for (int i = 0; i < script.value().scenes.size(); ++i) {
        for (const QString& issue : script.value().scenes[i].issues)
            issues << QStringLiteral("scene %1: %2").arg(i + 1).arg(issue);
    }
    return issues;
}

Result<std::shared_ptr<JobSteps::RenderInput>> JobSteps::loadRenderInput() const {
    using R = Result<std::shared_ptr<RenderInput>>;

    auto paperJson = readJsonObject(artifactPath(QStringLiteral("paper.json")));
    if (!paperJson)
        return R(paperJson.error());
    const Paper paper = Paper::fromJson(paperJson.value());
    auto scriptJson = readJsonObject(artifactPath(QStringLiteral("script.json")));
    if (!scriptJson)
        return R(scriptJson.error());
    auto script = Script::fromJson(scriptJson.value());
    if (!script)
        return R(script.error());
    auto plan = readJsonObject(artifactPath(QStringLiteral("scenes/plan.json")));
    if (!plan)
        return R(plan.error());
    auto words = readJsonArray(artifactPath(QStringLiteral("words.json")));
    if (!words)
        return R(words.error());
    QFile wavFile(artifactPath(QStringLiteral("narration.wav")));
    if (!wavFile.open(QIODevice::ReadOnly))
        return R::failure(
            ErrorType::Io,
            QStringLiteral("cannot read narration.wav: %1").arg(wavFile.errorString()));
    auto audio = Narration::fromWav(wavFile.readAll());
    if (!audio)
        return R(audio.error());
    auto narration = Narration::withWordsFromJson(audio.value(), words.value());
    if (!narration)
        return R(narration.error());

    VideoContent content = videoContentFor(paper, script.value(), narration.value(), plan.value(),
                                           artifactPath(QStringLiteral("scenes")));

    auto input = std::make_shared<RenderInput>();
    input->content = std::move(content);
    input->narration = std::move(narration).value();
    return input;
}

Error JobSteps::addCaptions(const Progress& progress, const std::atomic_bool* cancel) {
    auto input = loadRenderInput();
    if (!input)
        return input.error();
    const Narration& narrationData = input.value()->narration;
    Compositor compositor(input.value()->content, FrameGeometry::forAspect(m_options.aspect), 30,
                          m_options.captionStyle);
    const StepControl control = makeControl(Step::AddCaptions, progress, cancel, m_plan);

    // Sidecar captions and the thumbnail first: the MP4's rename is the step's checkpoint.
    if (Error e = writeFileAtomically(artifactPath(QStringLiteral("captions.srt")),
                                      compositor.captions().toSrt().toUtf8());
        e.isError())
        return e;
    if (Error e = writeFileAtomically(artifactPath(QStringLiteral("captions.vtt")),
                                      compositor.captions().toVtt().toUtf8());
        e.isError())
        return e;
    const int thumbFrame = std::min(compositor.frameCount() - 1, 45);
    QByteArray png;
    {
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        compositor.renderFrame(std::max(0, thumbFrame)).save(&buffer, "PNG");
    }
    if (Error e = writeFileAtomically(artifactPath(QStringLiteral("thumbnail.png")), png);
        e.isError())
        return e;

    EncoderParams params;
    params.width = compositor.geometry().size.width();
    params.height = compositor.geometry().size.height();
    params.fps = compositor.fps();
    params.preset = m_options.x264Preset;
    params.crf = m_options.crf;
    const int frames = compositor.frameCount();
    // The final mix (music, ducking, platform loudness) at the encoder's rate, its
    // figures in sound.json beside the video.
    control.report(0.0, QStringLiteral("mixing the sound"));
    SoundtrackParams sound;
    sound.music = m_options.music;
    sound.musicVolumeDb = m_options.musicVolumeDb;
    auto soundtrack = SoundtrackBuilder::build(
        narrationData.pcm, narrationData.sampleRate,
        qint64(frames) * Soundtrack::kSampleRate / compositor.fps(), sound);
    if (!soundtrack)
        return soundtrack.error();
    if (Error e = writeFileAtomically(
            artifactPath(QStringLiteral("sound.json")),
            QJsonDocument(soundtrack.value().toJson()).toJson(QJsonDocument::Indented));
        e.isError())
        return e;
    VideoEncoder encoder;
    if (Error e = encoder.open(finalVideoPath(), params, soundtrack.value().pcm16(),
                               Soundtrack::kSampleRate);
        e.isError())
        return e;
    for (int frame = 0; frame < frames; ++frame) {
        if (control.cancelled()) {
            encoder.abort();
            return cancelledError();
        }
        if (Error e = encoder.addFrame(compositor.renderFrame(frame)); e.isError()) {
            encoder.abort();
            return e;
        }
        if (frame % 15 == 0)
            control.report(double(frame) / frames,
                           QStringLiteral("frame %1 of %2").arg(frame).arg(frames));
    }
    if (Error e = encoder.finish(); e.isError())
        return e;
    return {};
}

} // namespace hh
