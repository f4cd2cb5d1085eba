// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QTranslator>

class QCoreApplication;

namespace hh {

// The interface's translations: Hidden Hill's own (compiled into the program
// from translations/hiddenhill_<lang>.ts) and Qt's for its standard dialogs and
// buttons, when the system has them. Keep the object alive as long as the
// translations are in use; removing it takes them out again.
class Translations {
public:
    Translations() = default;
    ~Translations();
    Translations(const Translations&) = delete;
    Translations& operator=(const Translations&) = delete;

    // "en" installs nothing (the source texts are English). Returns false when
    // the app has no translation for `language`.
    bool install(const QString& language);
    void remove();
    bool hasQtTranslation() const { return m_qtInstalled; }

    static QString resourcePath(const QString& language); // ":/i18n/hiddenhill_de.qm"

private:
    QTranslator m_app;
    QTranslator m_qt;
    bool m_appInstalled = false;
    bool m_qtInstalled = false;
};

} // namespace hh
