// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QDialogButtonBox;
class QListWidget;
class QStackedWidget;

namespace hh {

class AppSettings;
class GeneralSettingsPage;

// Settings: a list of pages on the left, the chosen page on the right, and
// OK / Cancel / Apply. General is built in; other pages are added with
// addPage() (the Providers page with its API keys lands this way: it keeps the
// keys in the keychain, never in AppSettings). Pages save when applied() is
// emitted (OK or Apply); Cancel discards what they show.
class SettingsDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)
public:
    explicit SettingsDialog(AppSettings* settings, QWidget* parent = nullptr);

    // Appends a page; the dialog takes ownership. Returns its index.
    int addPage(const QString& title, QWidget* page);
    void showPage(int index);
    int currentPage() const;
    int pageCount() const;

    GeneralSettingsPage* generalPage() const { return m_general; }
    QListWidget* pageList() const { return m_list; }
    QDialogButtonBox* buttons() const { return m_buttons; }

Q_SIGNALS:
    // OK or Apply: every page writes what it shows now.
    void applied();

private:
    QListWidget* m_list = nullptr;
    QStackedWidget* m_pages = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    GeneralSettingsPage* m_general = nullptr;
};

} // namespace hh
