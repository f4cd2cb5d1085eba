// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PcmDecode.h"

namespace hh {

// Decodes a whole compressed audio file held in memory (MP3 from a speech
// server; anything FFmpeg's demuxers recognise) into mono 16-bit PCM at
// `targetRate`. WAV is left to decodeAudioBytes. Malformed, empty or cut-off
// input is an ErrorType::Provider error naming what was wrong, never a crash.
Result<PcmAudio> decodeEncodedAudio(const QByteArray& bytes, int targetRate);

// True when the bytes start like an MP3 stream (ID3 tag or an MPEG audio frame sync).
bool looksLikeMp3(const QByteArray& bytes);

} // namespace hh
