// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ProviderHub.h"
#include "core/Result.h"
#include "core/StepControl.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <atomic>

namespace hh {

// One `POST /v1/image_to_video` body.
struct RunwayVideoRequest {
    QString model;
    QByteArray promptImage; // a data URI (data:image/jpeg;base64,…) or an https URL
    QString promptText;     // empty: not sent
    QString ratio;          // "720:1280" …
    int duration = 5;       // seconds
    qint64 seed = -1;       // -1: not sent (Runway picks one)

    QJsonObject toJson() const;
};

// A task as `GET /v1/tasks/{id}` describes it.
struct RunwayTask {
    QString id;
    QString status;       // PENDING, THROTTLED, RUNNING, SUCCEEDED, FAILED, CANCELLED, or newer
    double progress = -1; // 0..1 while RUNNING, -1 when not given
    QStringList output;   // SUCCEEDED: the video URLs (they expire within a day or two)
    QString failure;      // FAILED: Runway's human-readable reason
    QString failureCode;  // FAILED: "SAFETY.INPUT.IMAGE", "INTERNAL" … (may be empty)

    static RunwayTask fromJson(const QJsonObject& json);
};

// A finished clip: the MP4 and what it took.
struct RunwayClip {
    QByteArray video;
    QString taskId;
    int submissions = 1; // 2 when Runway's first attempt failed and it was asked again
};

// Talks to the Runway API for one job run: creates image-to-video tasks, polls
// them as often as Runway allows, deletes them, downloads their output. Every
// API request carries `Authorization: Bearer <key>` and `X-Runway-Version`; the
// key goes to the API's own origin only, never to the host an output is served
// from. Waits go through the session's clock, so tests never really sleep.
class RunwayClient {
public:
    explicit RunwayClient(ProviderSession& session);

    // `POST /v1/image_to_video`: the new task's id.
    Result<QString> createImageToVideo(const RunwayVideoRequest& request,
                                       const std::atomic_bool* cancel);
    // `GET /v1/tasks/{id}`.
    Result<RunwayTask> task(const QString& id, const std::atomic_bool* cancel);
    // `DELETE /v1/tasks/{id}`: cancels a task still queued or running, deletes a
    // finished one. Runs even when the job is being cancelled; an already
    // unknown task (404) counts as deleted.
    Error deleteTask(const QString& id);
    // The output file at `url`, following the URL as Runway gave it (up to three
    // redirects, checked by the transport), at most kMaxOutputBytes.
    Result<QByteArray> download(const QUrl& url, const std::atomic_bool* cancel);
    // `GET /v1/organization`: checks the key without spending anything.
    Result<QJsonObject> organization(const std::atomic_bool* cancel);

    // Polls until the task SUCCEEDED or FAILED and returns it. The first look is
    // after about 5 s, the next every 5–8 s (Runway updates tasks no more often
    // than every 5 s); THROTTLED and unknown states keep waiting. CANCELLED
    // (elsewhere) is a `cancelled` error; after kTaskTimeoutMs the task is deleted
    // and the error is `provider`; a local cancel deletes the task, then returns
    // `cancelled`. Progress goes to `control` ("waiting for a Runway slot" …).
    Result<RunwayTask> waitForTask(const QString& id, const StepControl& control);

    // The whole clip: create, wait, and one re-submission with a new seed when
    // Runway's failure is one a second try can fix (moderated or rejected output,
    // internal error); then the download. Failed tasks are errors typed for the
    // user: `content_blocked` (input moderation), `provider` (with advice).
    Result<RunwayClip> generate(RunwayVideoRequest request, const StepControl& control);

    // A seed for a (re)submission, never the previous one again; -1: the first.
    qint64 nextSeed(qint64 previous) const;
    // Uniform in [0, 1): the hub's source (fixed in tests) or a real random one.
    double random() const;
    // Whether a download is an MP4 (every ISO media file starts with an `ftyp` box).
    static bool looksLikeMp4(const QByteArray& data);

    // Whether a request to `url` may carry the key: the API base's scheme, host and port.
    bool isApiOrigin(const QUrl& url) const;
    // The error a FAILED task becomes.
    static Error taskFailureError(const RunwayTask& task);
    // Whether a FAILED task is worth one more submission with another seed.
    static bool isWorthResubmitting(const QString& failureCode);
    // The replies' parsers, pure functions of the body (tested and fuzzed on their own).
    // image_to_video's answer: the new task's id, which must be fit for a URL path.
    static Result<QString> parseCreatedTaskId(const QByteArray& body);
    // A task as GET /v1/tasks/{id} answers it; one without a status is a provider error.
    static Result<RunwayTask> parseTaskReply(const QByteArray& body);

    static constexpr qint64 kMaxDataUriBytes = 5'000'000; // Runway's limit for data URIs
    static constexpr qint64 kMaxOutputBytes = 200LL * 1024 * 1024;
    static constexpr qint64 kTaskTimeoutMs = 10LL * 60 * 1000;
    static constexpr qint64 kMinPollMs = 5000;

private:
    QUrl endpoint(const QString& path) const;
    HttpRequest apiRequest(const QString& path) const;
    void addApiHeaders(HttpRequest& request) const;

    ProviderSession& m_session;
};

} // namespace hh
