// SPDX-License-Identifier: GPL-3.0-or-later
#include "RunwayVisuals.h"

#include "ClipStateBoard.h"
#include "RunwayClient.h"
#include "RunwayClipBatch.h"
#include "RunwayKeyframe.h"
#include "RunwayModels.h"
#include "RunwayTaskCheckpoint.h"
#include "core/AtomicFile.h"
#include "render/Compositor.h"
#include "render/VideoProbe.h"
#include "visuals/MotionGraphicsVisuals.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <algorithm>
#include <cmath>

namespace hh {

namespace {

constexpr double kPlanningWordsPerMinute = 150; // design/video-style.md
constexpr double kScenesPerMinute = 7;
constexpr int kMaxPromptLength = 1000; // UTF-16 code units, gen4 and Veo models
constexpr double kBuiltInShare = 0.05; // of the step's progress, before the first clip

// Scene::visualPrompt is being added on another branch. Reading it through a
// template keeps this file compiling with and without the field, and picks it up
// as soon as it exists.
template <typename SceneType> QString visualPromptOf(const SceneType& scene) {
    if constexpr (requires { scene.visualPrompt; })
        return QString(scene.visualPrompt);
    else
        return {};
}

QString cutTo(QString text, int length) {
    if (text.size() <= length)
        return text;
    text.truncate(length);
    if (!text.isEmpty() && text.back().isHighSurrogate())
        text.chop(1); // never half a character
    return text;
}

qint64 narrationEndMs(const Narration& narration) {
    qint64 end = narration.durationMs();
    if (!narration.sceneEndMs.isEmpty())
        end = std::max(end, narration.sceneEndMs.last());
    if (!narration.words.isEmpty())
        end = std::max(end, narration.words.last().endMs);
    return end;
}

// How long each scene is on screen: until the next one starts, the last one
// until the narration ends. Without timings, from the words to be spoken.
QList<double> sceneSeconds(const Script& script, const Narration& narration) {
    QList<double> seconds;
    const int n = int(script.scenes.size());
    if (n > 0 && narration.sceneStartMs.size() >= n) {
        const qint64 end = narrationEndMs(narration);
        for (int i = 0; i < n; ++i) {
            const qint64 next = i + 1 < n ? narration.sceneStartMs[i + 1] : end;
            seconds << double(std::max<qint64>(0, next - narration.sceneStartMs[i])) / 1000.0;
        }
        return seconds;
    }
    static const QRegularExpression space(QStringLiteral("\\s+"));
    for (const Scene& scene : script.scenes)
        seconds << double(scene.narration.split(space, Qt::SkipEmptyParts).size()) * 60.0 /
                       kPlanningWordsPerMinute;
    return seconds;
}

StepControl subControl(const StepControl& control, double begin, double span,
                       const QString& prefix) {
    StepControl sub;
    sub.cancel = control.cancel;
    sub.note = control.note;
    sub.progress = [&control, begin, span, prefix](double fraction, const QString& detail) {
        control.report(begin + span * std::clamp(fraction, 0.0, 1.0), prefix + detail);
    };
    return sub;
}

// What the compositor needs to draw keyframes: the same content the last step
// will draw, read from the built-in plan just written.
VideoContent keyframeContent(const Paper& paper, const Script& script, const Narration& narration,
                             const QJsonArray& planScenes, const QString& workDir) {
    // The built-in plan's beats and media: a clip starts from the scene's own
    // first visual (its figure, its page, its number), as the built-in video shows it.
    VideoContent content = videoContentFor(
        paper, script, narration, QJsonObject{{QStringLiteral("scenes"), planScenes}}, workDir);
    content.durationMs = narrationEndMs(narration); // no audio yet: the words' end
    return content;
}

// Names a made clip by what it was made from, so a retried step reuses the
// clips it already paid for instead of buying them again. From the inputs of
// the keyframe, not its pixels: text antialiasing can differ by a shade between
// two renders in one process (Qt's glyph cache).
QString clipKey(const RunwayVideoRequest& request, const Scene& scene, const Paper& paper,
                const QString& figureFile) {
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const QStringList parts = {request.model,
                               request.ratio,
                               QString::number(request.duration),
                               request.promptText,
                               scene.kind,
                               scene.headline,
                               scene.figure,
                               paper.title,
                               paper.journal,
                               QString::number(paper.year)};
    for (const QString& part : parts) {
        hash.addData(part.toUtf8());
        hash.addData(QByteArrayView("\x1f"));
    }
    QFile figure(figureFile);
    if (!figureFile.isEmpty() && figure.open(QIODevice::ReadOnly))
        hash.addData(&figure);
    return QString::fromLatin1(hash.result().toHex().left(16));
}

Error readPlan(const QString& path, QJsonObject* plan) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {ErrorType::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString())};
    *plan = QJsonDocument::fromJson(file.readAll()).object();
    if (!plan->value(QLatin1String("scenes")).isArray())
        return {ErrorType::Internal, QStringLiteral("%1 has no scenes").arg(path)};
    return {};
}

} // namespace

RunwayVisuals::RunwayVisuals(ProviderSession& session)
    : m_session(session) {}

QString RunwayVisuals::promptFor(const Scene& scene, const QString& paperTitle) {
    const QString custom = visualPromptOf(scene).trimmed();
    if (!custom.isEmpty())
        return cutTo(custom, kMaxPromptLength);
    QString text = QStringLiteral("Slow, smooth camera push-in on this science explainer card");
    const QString headline = scene.headline.simplified();
    if (!headline.isEmpty())
        text += QStringLiteral(" about \"%1\"").arg(cutTo(headline, 200));
    const QString title = paperTitle.simplified();
    if (!title.isEmpty())
        text += QStringLiteral(" from the paper \"%1\"").arg(cutTo(title, 300));
    text += QStringLiteral(". Subtle living motion and soft light in the background; every word, "
                           "number and chart stays exactly as it is, sharp and readable. No new "
                           "text, no people, no logos.");
    return cutTo(text, kMaxPromptLength);
}

RunwayEstimate RunwayVisuals::estimate(const Script& script, const Narration& narration,
                                       const ProviderConfig& config) {
    const RunwayModelSpec* spec = RunwayModelSpec::find(config.runwayModel);
    if (!spec) // an unknown model cannot run; price it like the default one
        spec = RunwayModelSpec::find(ProviderConfig{}.runwayModel);
    QList<double> seconds = sceneSeconds(script, narration);
    if (seconds.isEmpty()) {
        const int clips =
            std::max(1, int(std::lround(script.targetSeconds * kScenesPerMinute / 60.0)));
        seconds = QList<double>(clips, double(script.targetSeconds) / clips);
    }
    RunwayEstimate estimate;
    estimate.clips = int(seconds.size());
    for (double s : seconds)
        estimate.seconds += spec->durationFor(s);
    estimate.credits = estimate.seconds * spec->creditsPerSecond;
    estimate.usd = estimate.credits * Pricing{}.runwayDollarsPerCredit;
    return estimate;
}

Error RunwayVisuals::prepare(const Paper& paper, const QString& paperDir, const Script& script,
                             const Narration& narration, const QString& scenesDir,
                             const VisualsParams& params, const StepControl& control) {
    m_warnings.clear();
    const ProviderConfig& config = m_session.config();
    const RunwayModelSpec* spec = RunwayModelSpec::find(config.runwayModel);
    if (!spec)
        return {ErrorType::Unsupported,
                QStringLiteral("the Runway model \"%1\" is not one Hidden Hill knows how to ask "
                               "(%2); set HH_RUNWAY_MODEL to one of them")
                    .arg(config.runwayModel,
                         RunwayModelSpec::knownModels().join(QStringLiteral(", ")))};
    const QString ratio = spec->ratioFor(params.aspect);
    if (ratio.isEmpty())
        return {ErrorType::Unsupported,
                QStringLiteral("Runway's %1 cannot make %2 clips; choose 9:16 or 16:9, or the "
                               "model gen4_turbo")
                    .arg(spec->model, params.aspect)};
    if (m_session.secret(ProviderId::Runway).trimmed().isEmpty())
        return {ErrorType::Auth,
                QStringLiteral("Runway needs an API key: add it in Settings → Providers, or set "
                               "RUNWAYML_API_SECRET")};
    // Before anything is spent: would this video pass the account's monthly limit?
    if (UsageSink* usage = m_session.usage()) {
        const RunwayEstimate planned = estimate(script, narration, config);
        if (Error e = usage->checkBudget(ProviderId::Runway, planned.usd); e.isError())
            return e;
    }

    // The built-in media first, into the folder that becomes `scenes/`: figures
    // and plan stay, and every scene has a look even if its clip fails.
    const QString workDir = scenesDir + QStringLiteral(".part");
    const QString cacheDir = scenesDir + QStringLiteral(".clips");
    const auto fail = [&workDir](Error error) {
        QDir(workDir).removeRecursively();
        return error;
    };
    MotionGraphicsVisuals builtIn;
    if (Error e = builtIn.prepare(paper, paperDir, script, narration, workDir, params,
                                  subControl(control, 0, kBuiltInShare, QString()));
        e.isError())
        return fail(e);
    const QString planPath = QDir(workDir).filePath(QStringLiteral("plan.json"));
    QJsonObject plan;
    if (Error e = readPlan(planPath, &plan); e.isError())
        return fail(e);
    QJsonArray scenes = plan.value(QLatin1String("scenes")).toArray();
    if (!QDir().mkpath(cacheDir))
        return fail({ErrorType::Io, QStringLiteral("cannot create %1").arg(cacheDir)});

    Compositor keyframes(keyframeContent(paper, script, narration, scenes, workDir),
                         FrameGeometry::forAspect(params.aspect));
    const QList<double> seconds = sceneSeconds(script, narration);
    const QSize clipSize = RunwayKeyframe::sizeForRatio(ratio);
    const int count = int(std::min(scenes.size(), script.scenes.size()));
    ClipStateBoard board(
        count, QFileInfo(scenesDir).dir().filePath(QLatin1String(ClipStateBoard::kFileName)),
        control.note);
    int made = 0;
    Error firstFailure;
    const auto keepBuiltIn = [&](int i, const Error& why) {
        m_warnings << QStringLiteral("scene %1 keeps the built-in motion graphics: %2")
                          .arg(i + 1)
                          .arg(why.message);
        board.set(i, ClipStateBoard::State::KeptBuiltIn, -1, why.message.left(200));
        if (!firstFailure.isError())
            firstFailure = why;
    };
    const auto useClip = [&](int i, const QString& cached, int duration) -> Error {
        const QString fileName = QStringLiteral("clip_%1.mp4").arg(i);
        const QString target = QDir(workDir).filePath(fileName);
        QFile::remove(target);
        if (!QFile::copy(cached, target))
            return {
                ErrorType::Io,
                QStringLiteral("cannot copy the clip of scene %1 into %2").arg(i + 1).arg(workDir)};
        QJsonObject entry = scenes[i].toObject();
        entry.insert(QStringLiteral("clip"), fileName);
        entry.insert(QStringLiteral("clip_seconds"), duration);
        scenes[i] = entry;
        ++made;
        return {};
    };

    // Every keyframe first (they take milliseconds), so Runway gets all the
    // scenes' tasks at once instead of one after the other.
    QList<ClipOrder> orders;
    QHash<int, QString> cachePaths;
    for (int i = 0; i < count; ++i) {
        if (control.cancelled())
            return fail({ErrorType::Cancelled, QStringLiteral("cancelled")});
        board.set(i, ClipStateBoard::State::RenderingKeyframe);
        control.report(kBuiltInShare, board.summary());
        RunwayVideoRequest request;
        request.model = spec->model;
        request.ratio = ratio;
        request.duration = spec->durationFor(seconds.value(i));
        request.promptText = promptFor(script.scenes[i], paper.title);
        request.promptImage = RunwayKeyframe::dataUri(keyframes.renderKeyframe(i), clipSize,
                                                      RunwayClient::kMaxDataUriBytes);
        if (request.promptImage.isEmpty()) {
            keepBuiltIn(i, {ErrorType::TooLarge,
                            QStringLiteral("its keyframe does not fit in Runway's 5 MB limit")});
            continue;
        }
        const QString figureImage =
            scenes[i].toObject().value(QLatin1String("figure_image")).toString();
        const QString key =
            QStringLiteral("clip_%1-%2.mp4")
                .arg(i)
                .arg(clipKey(request, script.scenes[i], paper,
                             figureImage.isEmpty()
                                 ? QString()
                                 : QDir(workDir).filePath(QFileInfo(figureImage).fileName())));
        const QString cached = QDir(cacheDir).filePath(key);
        if (VideoProbe::probe(cached).ok) { // paid for by an earlier run of this step
            if (Error e = useClip(i, cached, request.duration); e.isError())
                return fail(e);
            board.set(i, ClipStateBoard::State::Done, -1,
                      QStringLiteral("reusing the clip made before"));
            continue;
        }
        cachePaths.insert(i, cached);
        orders.append({i, request, key});
    }

    RunwayTaskCheckpoint checkpoint(QDir(cacheDir).filePath(QStringLiteral("tasks.json")));
    RunwayClipBatch batch(m_session, checkpoint, board);
    const StepControl clipsControl = subControl(control, kBuiltInShare, 1 - kBuiltInShare, {});
    // Waits for the rate limit or a backoff are shown as a countdown.
    m_session.setWaitReporter([&clipsControl, &board](const QString& reason, qint64 remainingMs) {
        if (remainingMs <= 0)
            clipsControl.report(board.fraction(), board.summary());
        else
            clipsControl.report(board.fraction(),
                                QStringLiteral("Waiting for Runway: %1, retrying in %2 s")
                                    .arg(reason)
                                    .arg((remainingMs + 999) / 1000));
    });
    const Error batchError = batch.run(
        orders, clipsControl,
        [&](const ClipOrder& order, const RunwayClip& clip) -> Error {
            // Runway bills a finished clip (failed tasks cost nothing): book it
            // now, whatever happens to the file.
            UsageDelta spent;
            spent.provider = ProviderId::Runway;
            spent.credits = order.request.duration * spec->creditsPerSecond;
            m_session.record(spent);
            const QString cached = cachePaths.value(order.index);
            if (Error e = writeFileAtomically(cached, clip.video); e.isError())
                return e;
            if (!VideoProbe::probe(cached).ok) {
                QFile::remove(cached);
                return {ErrorType::Provider,
                        QStringLiteral("Runway's clip cannot be read as a video")};
            }
            return useClip(order.index, cached, order.request.duration);
        },
        [&](const ClipOrder& order, const Error& why) { keepBuiltIn(order.index, why); });
    m_session.setWaitReporter({});
    if (batchError.isError())
        return fail(batchError);
    clipsControl.report(1, board.summary());
    if (made == 0 && firstFailure.isError())
        return fail(
            {firstFailure.type,
             QStringLiteral("Runway made none of the clips: %1").arg(firstFailure.message)});

    plan.insert(QStringLiteral("renderer"), QStringLiteral("runway"));
    plan.insert(QStringLiteral("model"), spec->model);
    plan.insert(QStringLiteral("scenes"), scenes);
    plan.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(m_warnings));
    if (Error e =
            writeFileAtomically(planPath, QJsonDocument(plan).toJson(QJsonDocument::Indented));
        e.isError())
        return fail(e);
    QDir(scenesDir).removeRecursively();
    if (!QDir().rename(workDir, scenesDir))
        return fail(
            {ErrorType::Io, QStringLiteral("cannot move the scene media into %1").arg(scenesDir)});
    QDir(cacheDir).removeRecursively();
    return {};
}

} // namespace hh
