// SPDX-License-Identifier: GPL-3.0-or-later
#include "Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>

namespace hh {

namespace {
// Qt's standard buttons (OK, Cancel, Apply …) take their words from the context
// QPlatformTheme. Debian ships Qt's own German in a separate package; listing
// the buttons here gives them German from our file when that package is
// missing. When it is installed, its translator is consulted first.
[[maybe_unused]] const char* const kStandardButtons[] = {
    QT_TRANSLATE_NOOP("QPlatformTheme", "OK"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Save"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Save All"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Open"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&Yes"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Yes to &All"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&No"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "N&o to All"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Abort"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Retry"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Ignore"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Close"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Discard"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Help"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Apply"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Reset"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Restore Defaults"),
};
} // namespace

Translations::~Translations() {
    remove();
}

QString Translations::resourcePath(const QString& language) {
    return QStringLiteral(":/i18n/hiddenhill_%1.qm").arg(language);
}

bool Translations::install(const QString& language) {
    remove();
    if (language.isEmpty() || language == QLatin1String("en"))
        return true;
    m_appInstalled =
        m_app.load(resourcePath(language)) && QCoreApplication::installTranslator(&m_app);
    // Qt's own strings (file dialogs, standard buttons) come from the system's Qt
    // translations package when it is installed; without it they stay English.
    m_qtInstalled = m_qt.load(QStringLiteral("qtbase_") + language,
                              QLibraryInfo::path(QLibraryInfo::TranslationsPath)) &&
                    QCoreApplication::installTranslator(&m_qt);
    return m_appInstalled;
}

void Translations::remove() {
    if (m_appInstalled)
        QCoreApplication::removeTranslator(&m_app);
    if (m_qtInstalled)
        QCoreApplication::removeTranslator(&m_qt);
    m_appInstalled = false;
    m_qtInstalled = false;
}

} // namespace hh
