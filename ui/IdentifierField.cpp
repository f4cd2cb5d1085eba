// SPDX-License-Identifier: GPL-3.0-or-later
#include "IdentifierField.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <algorithm>

namespace hh {

IdentifierField::IdentifierField(QWidget* parent)
    : QWidget(parent) {
    m_edit = new QLineEdit(this);
    m_edit->setPlaceholderText(tr("…or type a PubMed ID, PMCID or DOI"));
    m_edit->setAccessibleName(tr("PubMed ID, PMCID or DOI"));
    m_edit->setClearButtonEnabled(true);
    m_fetch = new QPushButton(tr("Fetch"), this);
    m_fetch->setAccessibleName(tr("Fetch the paper from PubMed"));
    m_fetch->setEnabled(false);
    m_feedback = new QLabel(this);
    m_feedback->setMinimumWidth(m_feedback->fontMetrics().horizontalAdvance(QLatin1Char('x')) * 28);
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_edit, 2);
    row->addWidget(m_fetch);
    row->addWidget(m_feedback, 1);
    connect(m_edit, &QLineEdit::textChanged, this, &IdentifierField::validate);
    connect(m_edit, &QLineEdit::returnPressed, this, [this] {
        if (m_fetch->isEnabled())
            requestFetch();
    });
    connect(m_fetch, &QPushButton::clicked, this, &IdentifierField::requestFetch);
}

void IdentifierField::requestFetch() {
    if (!m_several.isEmpty())
        Q_EMIT fetchManyRequested(m_several);
    else if (m_current.isValid())
        Q_EMIT fetchRequested(m_current);
}

QString IdentifierField::feedback() const {
    return m_feedback->text();
}

void IdentifierField::setBusy(bool busy) {
    m_edit->setEnabled(!busy);
    m_fetch->setEnabled(!busy && (m_current.isValid() || !m_several.isEmpty()));
    if (busy)
        m_feedback->setText(tr("Fetching %1…").arg(m_current.displayName()));
}

void IdentifierField::validate(const QString& text) {
    static const QRegularExpression lineBreaks(QStringLiteral("[\\r\\n]+"));
    QStringList lines = text.split(lineBreaks, Qt::SkipEmptyParts);
    lines.erase(std::remove_if(lines.begin(), lines.end(),
                               [](const QString& line) { return line.trimmed().isEmpty(); }),
                lines.end());
    m_several.clear();
    if (lines.size() > 1) {
        QStringList names;
        QStringList wrong;
        for (const QString& line : std::as_const(lines)) {
            const PaperIdentifier id = PaperIdentifier::parse(line);
            if (id.isValid()) {
                m_several << id;
                names << id.displayName();
            } else {
                wrong << line.trimmed();
            }
        }
        m_current = {};
        if (!wrong.isEmpty()) {
            // All or nothing: a typo is put right before any paper is fetched.
            m_several.clear();
            m_fetch->setEnabled(false);
            // The first one, cut short: the line must not widen the window.
            constexpr int kShown = 24;
            QString first = wrong.first();
            if (first.size() > kShown)
                first = first.left(kShown) + QStringLiteral("…");
            m_feedback->setText(tr("Not a PubMed ID, PMCID or DOI: %1").arg(first));
            m_feedback->setToolTip(wrong.join(u'\n'));
            return;
        }
        m_fetch->setEnabled(true);
        // Short, so the line never widens the window; the names are in the tooltip.
        m_feedback->setText(tr("✓ %1 papers, one video each").arg(m_several.size()));
        m_feedback->setToolTip(names.join(u'\n'));
        return;
    }
    m_feedback->setToolTip({});
    m_current = PaperIdentifier::parse(text);
    m_fetch->setEnabled(m_current.isValid());
    if (text.trimmed().isEmpty())
        m_feedback->clear();
    else if (m_current.isValid())
        m_feedback->setText(tr("✓ %1").arg(m_current.displayName()));
    else
        m_feedback->setText(tr("Not a PubMed ID (digits), PMCID (PMC…) or DOI (10.…)"));
}

} // namespace hh
