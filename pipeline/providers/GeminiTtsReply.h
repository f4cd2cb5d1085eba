// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

namespace hh {

// The useful part of one Gemini `generateContent` answer to a TTS request: the
// first part that carries `inlineData` (a text part may come first), and the
// token counts for the usage ledger. An answer without audio is a typed error:
// content_blocked when Gemini refused the text (promptFeedback.blockReason, or a
// safety finishReason), provider otherwise (text instead of audio, unreadable
// JSON). Never throws, whatever the body.
struct GeminiTtsReply {
    QString mimeType;  // "audio/L16;codec=pcm;rate=24000", "audio/wav" …
    QByteArray base64; // inlineData.data as sent
    qint64 promptTokens = 0;
    qint64 outputTokens = 0;

    static Result<GeminiTtsReply> parse(const QByteArray& body);
};

} // namespace hh
