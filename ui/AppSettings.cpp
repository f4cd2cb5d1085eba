// SPDX-License-Identifier: GPL-3.0-or-later
#include "AppSettings.h"

#include "jobs/JobRunner.h"
#include "render/FrameGeometry.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QSettings>
#include <QStandardPaths>

namespace hh {

namespace {
// Key names in one place: a typo would silently read a default forever.
const QString kDuration = QStringLiteral("newVideo/duration");
const QString kAspect = QStringLiteral("newVideo/aspect");
const QString kVoice = QStringLiteral("newVideo/voice");
const QString kLastOpenFolder = QStringLiteral("newVideo/lastOpenFolder");
const QString kCaptionStyle = QStringLiteral("newVideo/captionStyle");
const QString kReview = QStringLiteral("newVideo/reviewScriptFirst");
const QString kConcurrentJobs = QStringLiteral("jobs/maxConcurrent");
const QString kDataFolder = QStringLiteral("storage/dataFolder");
const QString kLanguage = QStringLiteral("interface/language");
const QString kTheme = QStringLiteral("appearance/theme");

bool isKnownDuration(int seconds) {
    return seconds == 30 || seconds == 60 || seconds == 90;
}
} // namespace

AppSettings::AppSettings(std::unique_ptr<QSettings> settings, QObject* parent)
    : QObject(parent)
    , m_settings(settings ? std::move(settings) : std::make_unique<QSettings>()) {
    m_atStart = {dataFolder(), language(), maxConcurrentJobs()};
}

std::unique_ptr<AppSettings> AppSettings::fromFile(const QString& path) {
    return std::make_unique<AppSettings>(std::make_unique<QSettings>(path, QSettings::IniFormat));
}

AppSettings::~AppSettings() = default;

void AppSettings::write(const QString& key, const QVariant& value) {
    if (m_settings->value(key) == value)
        return;
    m_settings->setValue(key, value);
    Q_EMIT changed();
}

int AppSettings::defaultDuration() const {
    const int seconds = m_settings->value(kDuration, 60).toInt();
    return isKnownDuration(seconds) ? seconds : 60;
}
void AppSettings::setDefaultDuration(int seconds) {
    write(kDuration, isKnownDuration(seconds) ? seconds : 60);
}

QString AppSettings::defaultAspect() const {
    const QString aspect = m_settings->value(kAspect).toString();
    return FrameGeometry::isKnownAspect(aspect) ? aspect : QStringLiteral("9:16");
}
void AppSettings::setDefaultAspect(const QString& aspect) {
    write(kAspect, FrameGeometry::isKnownAspect(aspect) ? aspect : QStringLiteral("9:16"));
}

QString AppSettings::lastOpenFolder() const {
    const QString folder = m_settings->value(kLastOpenFolder).toString();
    return !folder.isEmpty() && QFileInfo(folder).isDir() ? folder : QDir::homePath();
}
void AppSettings::setLastOpenFolder(const QString& folder) {
    write(kLastOpenFolder, folder);
}

QString AppSettings::defaultVoice() const {
    return m_settings->value(kVoice).toString();
}
void AppSettings::setDefaultVoice(const QString& voice) {
    write(kVoice, voice);
}

CaptionStyle AppSettings::defaultCaptionStyle() const {
    return captionStyleFromName(m_settings->value(kCaptionStyle).toString());
}
void AppSettings::setDefaultCaptionStyle(CaptionStyle style) {
    write(kCaptionStyle, captionStyleName(style));
}

bool AppSettings::reviewScriptFirst() const {
    return m_settings->value(kReview, false).toBool();
}
void AppSettings::setReviewScriptFirst(bool review) {
    write(kReview, review);
}

int AppSettings::maxConcurrentJobs() const {
    return std::clamp(m_settings->value(kConcurrentJobs, std::min(4, defaultJobsAtOnce())).toInt(),
                      1, 4);
}
void AppSettings::setMaxConcurrentJobs(int jobs) {
    write(kConcurrentJobs, std::clamp(jobs, 1, 4));
}

QString AppSettings::dataFolder() const {
    const QString folder = m_settings->value(kDataFolder).toString();
    return folder.isEmpty() ? defaultDataFolder() : folder;
}
void AppSettings::setDataFolder(const QString& folder) {
    // The default is not stored, so it follows the platform if that ever moves.
    write(kDataFolder, folder == defaultDataFolder() ? QString() : folder);
}
QString AppSettings::defaultDataFolder() {
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
}

QString AppSettings::language() const {
    const QString language = m_settings->value(kLanguage).toString();
    return supportedLanguages().contains(language) ? language : QString();
}
void AppSettings::setLanguage(const QString& language) {
    write(kLanguage, supportedLanguages().contains(language) ? language : QString());
}
QString AppSettings::effectiveLanguage(const QLocale& system) const {
    const QString chosen = language();
    if (!chosen.isEmpty())
        return chosen;
    return system.language() == QLocale::German ? QStringLiteral("de") : QStringLiteral("en");
}

ThemeChoice AppSettings::theme() const {
    return Theme::choiceFromName(
        m_settings->value(kTheme, Theme::choiceName(ThemeChoice::Dark)).toString());
}
void AppSettings::setTheme(ThemeChoice theme) {
    write(kTheme, Theme::choiceName(theme));
}

void AppSettings::sync() {
    m_settings->sync();
}
QString AppSettings::fileName() const {
    return m_settings->fileName();
}

} // namespace hh
