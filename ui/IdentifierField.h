// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "providers/PaperIdentifier.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace hh {

// "Or type a PubMed ID, PMCID or DOI": tells at each keystroke whether the text
// is one (and which), so Fetch is offered only for something NCBI can answer.
class IdentifierField final : public QWidget {
    Q_OBJECT
public:
    explicit IdentifierField(QWidget* parent = nullptr);

    QLineEdit* edit() const { return m_edit; }
    QPushButton* fetchButton() const { return m_fetch; }
    QString feedback() const;
    PaperIdentifier current() const { return m_current; }
    void setBusy(bool busy);

Q_SIGNALS:
    void fetchRequested(const hh::PaperIdentifier& id);

private:
    void validate(const QString& text);

    QLineEdit* m_edit = nullptr;
    QPushButton* m_fetch = nullptr;
    QLabel* m_feedback = nullptr;
    PaperIdentifier m_current;
};

} // namespace hh
