// SPDX-License-Identifier: GPL-3.0-or-later
#include "RunwayClient.h"

#include "net/ApiFailure.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <algorithm>

namespace hh {

namespace {

const QString kProvider = QStringLiteral("Runway");
constexpr qint64 kSeedRange = 2147483647; // Runway documents 0..2^32-1; stay well inside

Error missingKey() {
    return {ErrorType::Auth,
            QStringLiteral("Runway needs an API key: add it in Settings → Providers, or set "
                           "RUNWAYML_API_SECRET")};
}

// Task ids are UUIDs; anything else would end up in a URL path. Anchored with
// \A…\z: "$" also matches before a final newline, which let "id\n" through
// (found by fuzz_runway).
bool isPlausibleTaskId(const QString& id) {
    static const QRegularExpression re(
        QRegularExpression::anchoredPattern(QStringLiteral("[A-Za-z0-9_-]{1,128}")));
    return re.match(id).hasMatch();
}

Error badTaskId(const QString& what) {
    return ApiFailure::parse(kProvider, QStringLiteral("%1 has no usable task id").arg(what)).error;
}

Error withContext(Error error, const QString& context) {
    if (error.type != ErrorType::Cancelled)
        error.message = context + error.message;
    return error;
}

QString percentText(double progress) {
    return progress >= 0 ? QStringLiteral(" (%1%)").arg(qRound(progress * 100)) : QString();
}

} // namespace

QJsonObject RunwayVideoRequest::toJson() const {
    QJsonObject json{{QStringLiteral("model"), model},
                     {QStringLiteral("promptImage"), QString::fromLatin1(promptImage)},
                     {QStringLiteral("ratio"), ratio},
                     {QStringLiteral("duration"), duration}};
    if (!promptText.isEmpty())
        json.insert(QStringLiteral("promptText"), promptText);
    if (seed >= 0)
        json.insert(QStringLiteral("seed"), seed);
    return json;
}

RunwayTask RunwayTask::fromJson(const QJsonObject& json) {
    RunwayTask task;
    task.id = json.value(QLatin1String("id")).toString();
    task.status = json.value(QLatin1String("status")).toString();
    const QJsonValue progress = json.value(QLatin1String("progress"));
    if (progress.isDouble())
        task.progress = std::clamp(progress.toDouble(), 0.0, 1.0);
    for (const auto& value : json.value(QLatin1String("output")).toArray()) {
        if (value.isString())
            task.output << value.toString();
    }
    task.failure = json.value(QLatin1String("failure")).toString();
    task.failureCode = json.value(QLatin1String("failureCode")).toString();
    return task;
}

Result<QString> RunwayClient::parseCreatedTaskId(const QByteArray& body) {
    const QString id = QJsonDocument::fromJson(body).object().value(QLatin1String("id")).toString();
    if (!isPlausibleTaskId(id))
        return badTaskId(QStringLiteral("the answer to image_to_video"));
    return id;
}

Result<RunwayTask> RunwayClient::parseTaskReply(const QByteArray& body) {
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    RunwayTask result = RunwayTask::fromJson(doc.object());
    if (parseError.error != QJsonParseError::NoError || result.status.isEmpty())
        return ApiFailure::parse(kProvider, QStringLiteral("a task without a status")).error;
    return result;
}

bool RunwayClient::looksLikeMp4(const QByteArray& data) {
    // Every ISO media file starts with a box; the first is `ftyp` in MP4s Runway serves.
    return data.size() > 12 && data.mid(4, 4) == "ftyp";
}

RunwayClient::RunwayClient(ProviderSession& session)
    : m_session(session) {}

QUrl RunwayClient::endpoint(const QString& path) const {
    // Keep a path prefix of the base (a proxy at https://host/runway) instead of
    // resolving against it, which would drop it.
    QUrl url = m_session.config().runwayBase;
    QString prefix = url.path();
    while (prefix.endsWith(QLatin1Char('/')))
        prefix.chop(1);
    url.setPath(prefix + path);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

void RunwayClient::addApiHeaders(HttpRequest& request) const {
    request.setHeader("Authorization",
                      "Bearer " + m_session.secret(ProviderId::Runway).trimmed().toUtf8());
    request.setHeader("X-Runway-Version", m_session.config().runwayVersion.toUtf8());
}

HttpRequest RunwayClient::apiRequest(const QString& path) const {
    HttpRequest request;
    request.url = endpoint(path);
    addApiHeaders(request);
    request.totalTimeoutMs = 120000;
    return request;
}

bool RunwayClient::isApiOrigin(const QUrl& url) const {
    const QUrl base = m_session.config().runwayBase;
    const auto defaultPort = [](const QUrl& u) {
        return u.port(u.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0 ? 443
                                                                                           : 80);
    };
    return url.scheme().compare(base.scheme(), Qt::CaseInsensitive) == 0 &&
           url.host().compare(base.host(), Qt::CaseInsensitive) == 0 &&
           defaultPort(url) == defaultPort(base);
}

double RunwayClient::random() const {
    const auto source = m_session.hub().random();
    return source ? source() : QRandomGenerator::global()->generateDouble();
}

qint64 RunwayClient::nextSeed(qint64 previous) const {
    const qint64 step = qint64(random() * double(kSeedRange - 1));
    if (previous < 0)
        return step;
    // Never the same seed again, whatever the random source says.
    return (previous + 1 + step) % kSeedRange;
}

Result<QString> RunwayClient::createImageToVideo(const RunwayVideoRequest& request,
                                                 const std::atomic_bool* cancel) {
    if (m_session.secret(ProviderId::Runway).trimmed().isEmpty())
        return missingKey();
    if (request.promptImage.startsWith("data:") && request.promptImage.size() > kMaxDataUriBytes)
        return Error{ErrorType::TooLarge,
                     QStringLiteral("the scene's keyframe is %1 MB as a data URI; Runway accepts "
                                    "at most 5 MB")
                         .arg(double(request.promptImage.size()) / 1e6, 0, 'f', 1)};
    HttpRequest http = apiRequest(QStringLiteral("/v1/image_to_video"));
    http.setJsonBody(QJsonDocument(request.toJson()).toJson(QJsonDocument::Compact));
    const CallOutcome outcome =
        m_session.caller(ProviderId::Runway, interpretRunwayError).call(http, cancel);
    if (!outcome.ok())
        return withContext(outcome.failure.error,
                           QStringLiteral("starting a Runway clip failed: "));
    return parseCreatedTaskId(outcome.response.body);
}

Result<RunwayTask> RunwayClient::task(const QString& id, const std::atomic_bool* cancel) {
    if (m_session.secret(ProviderId::Runway).trimmed().isEmpty())
        return missingKey();
    if (!isPlausibleTaskId(id))
        return badTaskId(QStringLiteral("the request"));
    const CallOutcome outcome = m_session.caller(ProviderId::Runway, interpretRunwayError)
                                    .call(apiRequest(QStringLiteral("/v1/tasks/") + id), cancel);
    if (!outcome.ok()) {
        Error error = outcome.failure.error;
        if (outcome.failure.httpStatus == 404)
            error.message = QStringLiteral("Runway no longer knows the task %1 (deleted in "
                                           "Runway's dashboard?); retry the step to make the "
                                           "clip again")
                                .arg(id);
        return withContext(error, QStringLiteral("checking a Runway clip failed: "));
    }
    auto result = parseTaskReply(outcome.response.body);
    if (result.ok() && result->id.isEmpty())
        result.value().id = id;
    return result;
}

Error RunwayClient::deleteTask(const QString& id) {
    if (m_session.secret(ProviderId::Runway).trimmed().isEmpty())
        return missingKey();
    if (!isPlausibleTaskId(id))
        return badTaskId(QStringLiteral("the request"));
    HttpRequest http = apiRequest(QStringLiteral("/v1/tasks/") + id);
    http.method = "DELETE";
    // Called while a job is stopping: keep the user waiting seconds, not minutes.
    http.stallTimeoutMs = 10000;
    http.totalTimeoutMs = 20000;
    const CallOutcome outcome =
        m_session.caller(ProviderId::Runway, interpretRunwayError).call(http, nullptr);
    if (outcome.ok() || outcome.failure.httpStatus == 404)
        return {};
    return withContext(
        outcome.failure.error,
        QStringLiteral("could not cancel the Runway task %1 (it may still use credits): ").arg(id));
}

Result<QByteArray> RunwayClient::download(const QUrl& url, const std::atomic_bool* cancel) {
    // The output usually lives on a CDN behind a signed URL: it needs no key and
    // must never see one. The key goes along only to the API's own origin (the
    // transport drops it if a redirect then leads elsewhere).
    HttpRequest http;
    http.url = url;
    if (isApiOrigin(url))
        addApiHeaders(http);
    http.maxResponseBytes = kMaxOutputBytes;
    http.stallTimeoutMs = 60000;
    http.totalTimeoutMs = 15 * 60 * 1000;
    const CallOutcome outcome =
        m_session.caller(ProviderId::Runway, interpretRunwayError).call(http, cancel);
    if (!outcome.ok())
        return withContext(outcome.failure.error,
                           QStringLiteral("downloading Runway's clip failed: "));
    if (outcome.response.body.isEmpty())
        return Error{ErrorType::Provider,
                     QStringLiteral("Runway's clip download was empty; retry the step")};
    return outcome.response.body;
}

Result<QJsonObject> RunwayClient::organization(const std::atomic_bool* cancel) {
    if (m_session.secret(ProviderId::Runway).trimmed().isEmpty())
        return missingKey();
    const CallOutcome outcome = m_session.caller(ProviderId::Runway, interpretRunwayError)
                                    .call(apiRequest(QStringLiteral("/v1/organization")), cancel);
    if (!outcome.ok())
        return outcome.failure.error;
    const QJsonDocument doc = QJsonDocument::fromJson(outcome.response.body);
    if (!doc.isObject())
        return ApiFailure::parse(kProvider, QStringLiteral("the organization is not JSON")).error;
    return doc.object();
}

Result<RunwayTask> RunwayClient::waitForTask(const QString& id, const StepControl& control) {
    Clock& clock = m_session.clock();
    const qint64 started = clock.nowMs();
    const auto stopRemote = [this, &id](Error error) {
        // A task left running keeps using credits; a failed cancel is worth saying.
        if (const Error e = deleteTask(id); e.isError())
            error.message += QStringLiteral("; ") + e.message;
        return error;
    };
    const Error localCancel{ErrorType::Cancelled,
                            QStringLiteral("cancelled; the Runway task was cancelled too")};
    QString lastStatus = QStringLiteral("PENDING");
    // Runway updates a task at most every 5 s: look after ~5 s, then every 5–8 s,
    // jittered so several jobs do not poll in step.
    qint64 delay = kMinPollMs + qint64(1000 * random());
    for (;;) {
        if (!clock.sleepMs(delay, control.cancel))
            return stopRemote(localCancel);
        auto polled = task(id, control.cancel);
        if (!polled) {
            if (polled.error().type == ErrorType::Cancelled)
                return stopRemote(localCancel);
            if (polled.error().type == ErrorType::NotFound)
                return polled.error();
            return stopRemote(polled.error());
        }
        const RunwayTask& t = polled.value();
        lastStatus = t.status;
        if (t.status == QLatin1String("SUCCEEDED")) {
            if (t.output.isEmpty())
                return ApiFailure::parse(kProvider,
                                         QStringLiteral("a finished task without an output URL"))
                    .error;
            return t;
        }
        if (t.status == QLatin1String("FAILED"))
            return t;
        if (t.status == QLatin1String("CANCELLED"))
            return Error{ErrorType::Cancelled,
                         QStringLiteral("the Runway task %1 was cancelled outside Hidden Hill (in "
                                        "Runway's dashboard or by another program); retry the "
                                        "step to make the clip again")
                             .arg(id)};
        if (t.status == QLatin1String("THROTTLED"))
            control.report(0, QStringLiteral("waiting for a Runway slot (the account's tasks at "
                                             "a time are all in use)"));
        else if (t.status == QLatin1String("RUNNING"))
            control.report(std::max(0.0, t.progress),
                           QStringLiteral("Runway is generating%1").arg(percentText(t.progress)));
        else if (t.status == QLatin1String("PENDING"))
            control.report(0, QStringLiteral("queued at Runway"));
        else // a status newer than this code: keep waiting, the timeout still holds
            control.report(0, QStringLiteral("Runway says %1").arg(t.status.left(40)));

        if (clock.nowMs() - started >= kTaskTimeoutMs)
            return stopRemote(Error{
                ErrorType::Provider,
                QStringLiteral("Runway did not finish the clip within %1 minutes (still %2); the "
                               "task was cancelled so it uses no more credits. Try again later "
                               "or make this video with the built-in visuals")
                    .arg(kTaskTimeoutMs / 60000)
                    .arg(lastStatus.left(40))});
        delay = kMinPollMs + qint64(3000 * random());
    }
}

bool RunwayClient::isWorthResubmitting(const QString& failureCode) {
    return failureCode.startsWith(QLatin1String("SAFETY.OUTPUT")) ||
           failureCode == QLatin1String("INTERNAL") ||
           failureCode.startsWith(QLatin1String("INTERNAL."));
}

Error RunwayClient::taskFailureError(const RunwayTask& task) {
    const QString code = task.failureCode.isEmpty() ? QStringLiteral("no code") : task.failureCode;
    const QString reason =
        task.failure.isEmpty() ? code : QStringLiteral("%1: %2").arg(code, task.failure.left(300));
    if (code.startsWith(QLatin1String("SAFETY.INPUT")))
        return {ErrorType::ContentBlocked,
                QStringLiteral("Runway's moderation refused this scene's image or text (%1). "
                               "Change the scene's headline or figure in the script, or make "
                               "the video with the built-in visuals")
                    .arg(reason)};
    if (code.startsWith(QLatin1String("SAFETY.OUTPUT")))
        return {ErrorType::ContentBlocked,
                QStringLiteral("Runway's moderation held back the clip it made for this scene "
                               "(%1). Rewording the scene's headline may help, or make the "
                               "video with the built-in visuals")
                    .arg(reason)};
    if (code.startsWith(QLatin1String("ASSET.INVALID")))
        return {ErrorType::Provider,
                QStringLiteral("Runway could not use the scene's keyframe image (%1). It must be "
                               "a JPEG, PNG or WebP under 5 MB; if this happens again, report it "
                               "with the job's log")
                    .arg(reason)};
    if (code.startsWith(QLatin1String("INTERNAL.BAD_OUTPUT")))
        return {ErrorType::Provider,
                QStringLiteral("Runway rejected the clip it made for this scene (%1); keyframes "
                               "with much text can cause this. Try again later or make the "
                               "video with the built-in visuals")
                    .arg(reason)};
    if (code.startsWith(QLatin1String("INTERNAL")))
        return {ErrorType::Provider,
                QStringLiteral("Runway had an internal error making this clip (%1); try again "
                               "later")
                    .arg(reason)};
    return {ErrorType::Provider,
            QStringLiteral("Runway could not make this clip (%1)").arg(reason)};
}

Result<RunwayClip> RunwayClient::generate(RunwayVideoRequest request, const StepControl& control) {
    if (request.seed < 0)
        request.seed = nextSeed(-1);
    for (int submission = 1;; ++submission) {
        if (control.cancelled())
            return Error{ErrorType::Cancelled, QStringLiteral("cancelled")};
        control.report(0, QStringLiteral("sending the keyframe to Runway"));
        auto id = createImageToVideo(request, control.cancel);
        if (!id)
            return id.error();
        auto finished = waitForTask(id.value(), control);
        if (!finished)
            return finished.error();
        const RunwayTask& t = finished.value();
        if (t.status == QLatin1String("SUCCEEDED")) {
            control.report(1, QStringLiteral("downloading the clip"));
            auto video = download(QUrl(t.output.first()), control.cancel);
            if (!video)
                return video.error();
            if (!looksLikeMp4(video.value()))
                return Error{ErrorType::Provider,
                             QStringLiteral("Runway's output for task %1 is not an MP4 video; "
                                            "retry the step")
                                 .arg(id.value())};
            return RunwayClip{std::move(video).value(), id.value(), submission};
        }
        if (submission == 1 && isWorthResubmitting(t.failureCode)) {
            control.report(0, QStringLiteral("Runway's first attempt failed (%1); trying once "
                                             "more with another seed")
                                  .arg(t.failureCode));
            request.seed = nextSeed(request.seed);
            continue;
        }
        Error error = taskFailureError(t);
        if (submission > 1)
            error.message += QStringLiteral(" — failed again on a second try with another seed");
        return error;
    }
}

} // namespace hh
