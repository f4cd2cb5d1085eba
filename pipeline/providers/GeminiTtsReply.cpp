// SPDX-License-Identifier: GPL-3.0-or-later
#include "GeminiTtsReply.h"

#include "Usage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace hh {

namespace {

Result<GeminiTtsReply> unreadable(const QString& why) {
    return Result<GeminiTtsReply>::failure(
        ErrorType::Provider,
        QStringLiteral("Gemini sent an answer without usable audio (%1); try again, or use the "
                       "built-in voice")
            .arg(why));
}

Result<GeminiTtsReply> blocked(const QString& reason, const QString& detail) {
    const QString said =
        detail.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(detail.left(300));
    return Result<GeminiTtsReply>::failure(
        ErrorType::ContentBlocked,
        QStringLiteral("Gemini refused to read this text aloud: %1%2. Reword the scene's narration "
                       "or use the built-in voice")
            .arg(reason, said));
}

// finishReason values that mean the text itself was refused, not a glitch.
bool isRefusal(const QString& finishReason) {
    static const QStringList refusals = {
        QStringLiteral("SAFETY"),    QStringLiteral("RECITATION"),
        QStringLiteral("BLOCKLIST"), QStringLiteral("PROHIBITED_CONTENT"),
        QStringLiteral("SPII"),      QStringLiteral("LANGUAGE"),
    };
    return refusals.contains(finishReason);
}

// The REST API answers in camelCase; proxies that re-encode protobuf JSON may
// use the original snake_case names, which the API itself also accepts.
QJsonValue member(const QJsonObject& object, const char* camel, const char* snake) {
    const QJsonValue value = object.value(QLatin1String(camel));
    return value.isUndefined() ? object.value(QLatin1String(snake)) : value;
}

} // namespace

Result<GeminiTtsReply> GeminiTtsReply::parse(const QByteArray& body) {
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return unreadable(QStringLiteral("the body is not a JSON object"));
    const QJsonObject root = doc.object();

    GeminiTtsReply reply;
    const QJsonObject usage = member(root, "usageMetadata", "usage_metadata").toObject();
    reply.promptTokens = reportedTokens(member(usage, "promptTokenCount", "prompt_token_count"));
    reply.outputTokens =
        reportedTokens(member(usage, "candidatesTokenCount", "candidates_token_count"));

    const QJsonArray candidates = root.value(QLatin1String("candidates")).toArray();
    if (candidates.isEmpty()) {
        const QJsonObject feedback = member(root, "promptFeedback", "prompt_feedback").toObject();
        const QString reason = member(feedback, "blockReason", "block_reason").toString();
        if (!reason.isEmpty())
            return blocked(
                reason, member(feedback, "blockReasonMessage", "block_reason_message").toString());
        return unreadable(QStringLiteral("no candidates"));
    }
    const QJsonObject candidate = candidates.first().toObject();
    const QJsonArray parts = candidate.value(QLatin1String("content"))
                                 .toObject()
                                 .value(QLatin1String("parts"))
                                 .toArray();
    bool sawText = false;
    for (const QJsonValue& value : parts) {
        const QJsonObject part = value.toObject();
        const QJsonObject inlineData = member(part, "inlineData", "inline_data").toObject();
        if (inlineData.isEmpty()) {
            sawText = sawText || part.contains(QLatin1String("text"));
            continue;
        }
        reply.mimeType = member(inlineData, "mimeType", "mime_type").toString();
        reply.base64 = inlineData.value(QLatin1String("data")).toString().toLatin1();
        return reply;
    }
    const QString finish = member(candidate, "finishReason", "finish_reason").toString();
    if (isRefusal(finish))
        return blocked(finish, member(candidate, "finishMessage", "finish_message").toString());
    if (sawText)
        return unreadable(QStringLiteral("it answered with text instead of speech"));
    return unreadable(finish.isEmpty()
                          ? QStringLiteral("no audio part")
                          : QStringLiteral("no audio part (finishReason %1)").arg(finish));
}

} // namespace hh
