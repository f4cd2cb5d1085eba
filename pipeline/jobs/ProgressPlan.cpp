// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProgressPlan.h"

#include "JobSteps.h"
#include "providers/PaperIdentifier.h"

#include <QFileInfo>
#include <algorithm>
#include <cmath>

namespace hh {

namespace {

constexpr int kSteps = int(Step::Done);

// Seconds measured on the 2-core reference machine (README, "Speed"), idle.
// Reading a PDF grows with the file (pages, pictures): 0.3 s + 1 s per MB covers
// the corpus from a 3-page preprint (0.4 s) to a 19-page paper with figures (1.9 s).
constexpr double kPdfBaseSeconds = 0.3;
constexpr double kPdfSecondsPerMb = 1.0;
constexpr double kMarkupSeconds = 0.1;    // JATS, PubMed XML, DOCX
constexpr double kIdentifierSeconds = 5.; // NCBI: ID converter, article, paced requests
constexpr double kBuiltinScriptSeconds = 0.05;
constexpr double kGeminiScriptSeconds = 10.;
constexpr double kLocalModelScriptSeconds = 30.; // a 7–8B model on a CPU
constexpr double kBuiltinVoiceSeconds = 0.2;
constexpr double kGeminiVoiceSecondsPerVideoSecond = 0.25;
constexpr double kPageVisualsSeconds = 0.6;    // page crops of a PDF, figure cards
constexpr double kMarkupVisualsSeconds = 0.05; // no pages to render
constexpr double kRunwaySecondsPerClip = 60.;  // one clip after another
constexpr double kVideoSecondsPerClip = 10.;
// Drawing and encoding 1080×1920 at 30 fps with x264 ultrafast: 16.3 s for a
// 64.7 s video, plus opening the encoder and the fonts.
constexpr double kRenderSecondsPerVideoSecond = 0.26;
constexpr double kRenderBaseSeconds = 0.3;

double pixelShare(const QString& aspect) {
    // 9:16 and 16:9 draw 1080×1920 pixels, 1:1 draws 1080×1080.
    return aspect == QLatin1String("1:1") ? 1080.0 * 1080.0 / (1080.0 * 1920.0) : 1.0;
}

bool isPdf(const QString& input) {
    return QFileInfo(input).suffix().compare(QLatin1String("pdf"), Qt::CaseInsensitive) == 0;
}

double fetchSeconds(const QString& input) {
    const QFileInfo file(input);
    if (!file.exists() && PaperIdentifier::parse(input).isValid())
        return kIdentifierSeconds;
    if (isPdf(input))
        return kPdfBaseSeconds + kPdfSecondsPerMb * double(file.size()) / (1024.0 * 1024.0);
    return kMarkupSeconds;
}

} // namespace

ProgressPlan::ProgressPlan() {
    for (int i = 0; i <= kSteps; ++i)
        m_start[size_t(i)] = i * 100 / kSteps;
}

double ProgressPlan::expectedSeconds(Step step, const JobOptions& options) {
    const double video = std::max(1, options.durationSeconds);
    switch (step) {
    case Step::FetchPaper:
        return fetchSeconds(options.input);
    case Step::GenerateScript:
        if (options.scriptProvider == QLatin1String("gemini"))
            return kGeminiScriptSeconds;
        if (options.scriptProvider == QLatin1String("openai"))
            return kLocalModelScriptSeconds;
        return kBuiltinScriptSeconds;
    case Step::GenerateAudio:
        if (options.voiceProvider == QLatin1String("gemini"))
            return 2.0 + kGeminiVoiceSecondsPerVideoSecond * video;
        return kBuiltinVoiceSeconds;
    case Step::GenerateVideos:
        if (options.visualsProvider == QLatin1String("runway"))
            return kRunwaySecondsPerClip * std::ceil(video / kVideoSecondsPerClip);
        return isPdf(options.input) ? kPageVisualsSeconds : kMarkupVisualsSeconds;
    case Step::AddCaptions:
        return kRenderBaseSeconds +
               kRenderSecondsPerVideoSecond * video * pixelShare(options.aspect);
    case Step::Done:
        break;
    }
    return 0;
}

ProgressPlan ProgressPlan::forJob(const JobOptions& options) {
    std::array<double, kSteps> cost{};
    double total = 0;
    for (int i = 0; i < kSteps; ++i) {
        cost[size_t(i)] = std::max(0.01, expectedSeconds(Step(i), options));
        total += cost[size_t(i)];
    }
    // Each step keeps at least one percent, so every step's end moves the bar.
    ProgressPlan plan;
    double before = 0;
    for (int i = 0; i < kSteps; ++i) {
        const int share = int(std::floor(100.0 * before / total));
        const int lowest = i == 0 ? 0 : plan.m_start[size_t(i - 1)] + 1;
        const int highest = 100 - (kSteps - i);
        plan.m_start[size_t(i)] = std::clamp(share, lowest, highest);
        before += cost[size_t(i)];
    }
    plan.m_start[size_t(kSteps)] = 100;
    return plan;
}

int ProgressPlan::startPercent(Step step) const {
    return m_start[size_t(std::clamp(int(step), 0, kSteps))];
}

int ProgressPlan::endPercent(Step step) const {
    return step == Step::Done ? 100 : m_start[size_t(int(step) + 1)];
}

int ProgressPlan::percentAt(Step step, double fraction) const {
    const int begin = startPercent(step);
    const int end = endPercent(step);
    if (end - begin <= 1)
        return begin;
    const int at = begin + int(std::clamp(fraction, 0.0, 1.0) * double(end - begin));
    return std::min(at, end - 1);
}

} // namespace hh
