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
// Several pasted one a line (the line edit keeps the line breaks) are several papers.
class IdentifierField final : public QWidget {
    Q_OBJECT
public:
    explicit IdentifierField(QWidget* parent = nullptr);

    QLineEdit* edit() const { return m_edit; }
    QPushButton* fetchButton() const { return m_fetch; }
    QString feedback() const;
    PaperIdentifier current() const { return m_current; }
    // Several IDs pasted one a line: all of them (empty for one or none).
    QList<PaperIdentifier> several() const { return m_several; }
    void setBusy(bool busy);

Q_SIGNALS:
    void fetchRequested(const hh::PaperIdentifier& id);
    // Several IDs, one a line: one video each.
    void fetchManyRequested(const QList<hh::PaperIdentifier>& ids);

private:
    void validate(const QString& text);
    void requestFetch();

    QLineEdit* m_edit = nullptr;
    QPushButton* m_fetch = nullptr;
    QLabel* m_feedback = nullptr;
    PaperIdentifier m_current;
    QList<PaperIdentifier> m_several;
};

} // namespace hh
