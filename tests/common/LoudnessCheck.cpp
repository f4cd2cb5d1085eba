// SPDX-License-Identifier: GPL-3.0-or-later
#include "LoudnessCheck.h"

#include <QProcess>
#include <QRegularExpression>
#include <cmath>
#include <ebur128.h>
#include <memory>

namespace hh::test {

FileLoudness measureWithLibebur128(const QString& path) {
    FileLoudness result;
    QProcess ffmpeg;
    ffmpeg.start(QStringLiteral("ffmpeg"),
                 {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-i"), path,
                  QStringLiteral("-vn"), QStringLiteral("-ac"), QStringLiteral("2"),
                  QStringLiteral("-ar"), QStringLiteral("48000"), QStringLiteral("-f"),
                  QStringLiteral("f32le"), QStringLiteral("-")});
    if (!ffmpeg.waitForFinished(120000) || ffmpeg.exitCode() != 0) {
        result.error = QString::fromLocal8Bit(ffmpeg.readAllStandardError());
        return result;
    }
    const QByteArray pcm = ffmpeg.readAllStandardOutput();
    const auto frames = size_t(pcm.size()) / (2 * sizeof(float));
    ebur128_state* raw = ebur128_init(2, 48000, EBUR128_MODE_I | EBUR128_MODE_TRUE_PEAK);
    std::unique_ptr<ebur128_state, void (*)(ebur128_state*)> state(
        raw, [](ebur128_state* s) { ebur128_destroy(&s); });
    if (!state) {
        result.error = QStringLiteral("libebur128 could not start");
        return result;
    }
    ebur128_add_frames_float(state.get(), reinterpret_cast<const float*>(pcm.constData()), frames);
    ebur128_loudness_global(state.get(), &result.integratedLufs);
    double peak = 0;
    for (unsigned channel = 0; channel < 2; ++channel) {
        double p = 0;
        ebur128_true_peak(state.get(), channel, &p);
        peak = std::max(peak, p);
    }
    result.truePeakDbtp = peak > 0 ? 20 * std::log10(peak) : -HUGE_VAL;
    result.ok = frames > 0;
    return result;
}

FileLoudness measureWithFfmpeg(const QString& path) {
    FileLoudness result;
    QProcess ffmpeg;
    ffmpeg.start(QStringLiteral("ffmpeg"),
                 {QStringLiteral("-nostats"), QStringLiteral("-i"), path, QStringLiteral("-vn"),
                  QStringLiteral("-af"), QStringLiteral("ebur128=peak=true"), QStringLiteral("-f"),
                  QStringLiteral("null"), QStringLiteral("-")});
    if (!ffmpeg.waitForFinished(120000) || ffmpeg.exitCode() != 0) {
        result.error = QString::fromLocal8Bit(ffmpeg.readAllStandardError());
        return result;
    }
    const QString log = QString::fromLocal8Bit(ffmpeg.readAllStandardError());
    // The summary comes last: "Integrated loudness: I: -14.0 LUFS … True peak: Peak: -1.6 dBFS".
    const qsizetype summary = log.lastIndexOf(QLatin1String("Summary:"));
    static const QRegularExpression integrated(QStringLiteral("I:\\s+(-?[\\d.]+) LUFS"));
    static const QRegularExpression peak(QStringLiteral("Peak:\\s+(-?[\\d.]+|-inf) dBFS"));
    const auto i = integrated.match(log, summary);
    const auto p = peak.match(log, summary);
    if (summary < 0 || !i.hasMatch() || !p.hasMatch()) {
        result.error = log.right(600);
        return result;
    }
    result.integratedLufs = i.captured(1).toDouble();
    result.truePeakDbtp = p.captured(1).toDouble();
    result.ok = true;
    return result;
}

} // namespace hh::test
