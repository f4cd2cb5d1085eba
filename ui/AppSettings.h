// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Theme.h"
#include "render/CaptionStyle.h"

#include <QObject>
#include <QSettings>
#include <QString>
#include <QStringList>
#include <memory>

class QLocale;

namespace hh {

// The app's preferences, typed, over one QSettings file with named keys, so the
// window, the New video panel and the Settings dialog read the same values with
// the same defaults. It holds choices only: API keys and passwords never go
// here (they belong in the system keychain), because a settings file is plain
// text that backups and dotfile repositories copy around. Passed in where it is
// needed; there is no global instance.
class AppSettings final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppSettings)
public:
    // `settings` null: the user's settings file for this organisation/application.
    explicit AppSettings(std::unique_ptr<QSettings> settings = nullptr, QObject* parent = nullptr);
    // Settings in one INI file (tests, portable installs).
    static std::unique_ptr<AppSettings> fromFile(const QString& path);
    ~AppSettings() override;

    // New video defaults.
    int defaultDuration() const; // 30 | 60 | 90
    void setDefaultDuration(int seconds);
    QString defaultAspect() const; // "9:16" | "1:1" | "16:9"
    void setDefaultAspect(const QString& aspect);
    QString lastOpenFolder() const; // where "Open paper…" starts: the last folder used, else home
    void setLastOpenFolder(const QString& folder);
    QString defaultVoice() const; // empty: automatic (the paper's language)
    void setDefaultVoice(const QString& voice);
    CaptionStyle defaultCaptionStyle() const;
    void setDefaultCaptionStyle(CaptionStyle style);
    bool reviewScriptFirst() const;
    void setReviewScriptFirst(bool review);

    // Jobs at once (applied live by the window); the data folder is read at start-up.
    int maxConcurrentJobs() const; // 1..4; default one per two cores
    void setMaxConcurrentJobs(int jobs);
    QString dataFolder() const; // the chosen folder, or defaultDataFolder()
    void setDataFolder(const QString& folder);
    static QString defaultDataFolder();

    // "" follows the system, "en" or "de" picks one; applied at start-up.
    QString language() const;
    void setLanguage(const QString& language);
    // The language the UI should use: the setting, or German for a German system
    // locale, otherwise English.
    QString effectiveLanguage(const QLocale& system) const;
    static QStringList supportedLanguages() { return {QStringLiteral("en"), QStringLiteral("de")}; }

    // System, Light or Dark (the default: the calm of a dark room, like the video tools a
    // creator knows); applied at once, no restart.
    ThemeChoice theme() const;
    void setTheme(ThemeChoice theme);

    // The values this run started with: a changed data folder, language or job
    // count is stored at once but only used by the next start.
    QString dataFolderAtStart() const { return m_atStart.dataFolder; }
    QString languageAtStart() const { return m_atStart.language; }
    int maxConcurrentJobsAtStart() const { return m_atStart.jobs; }

    // Writes pending changes to disk (QSettings also does this on its own later).
    void sync();
    QString fileName() const;

Q_SIGNALS:
    // Any value changed; views re-read what they show.
    void changed();

private:
    void write(const QString& key, const QVariant& value);

    std::unique_ptr<QSettings> m_settings;
    struct AtStart {
        QString dataFolder;
        QString language;
        int jobs = 0;
    } m_atStart;
};

} // namespace hh
