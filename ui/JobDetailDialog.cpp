// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobDetailDialog.h"

#include "jobs/JobSteps.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace hh {

QString JobDetailDialog::adviceFor(const QString& errorType) {
    if (errorType == QLatin1String("encrypted"))
        return tr("Open the paper again and enter its password.");
    if (errorType == QLatin1String("no_text"))
        return tr(
            "This PDF is a scan without a text layer; use the publisher's PDF or its JATS XML.");
    if (errorType == QLatin1String("bad_pdf") || errorType == QLatin1String("bad_xml"))
        return tr("The file is damaged; download the paper again.");
    if (errorType == QLatin1String("unsupported") || errorType == QLatin1String("too_large"))
        return tr("Use the paper's PDF, DOCX or JATS XML file.");
    if (errorType == QLatin1String("disk_full"))
        return tr("Free some disk space, then choose Retry.");
    if (errorType == QLatin1String("cancelled"))
        return tr("Choose Retry to continue where it stopped.");
    if (errorType == QLatin1String("network") || errorType == QLatin1String("rate_limited") ||
        errorType == QLatin1String("provider"))
        return tr("A service had a temporary problem; choose Retry in a moment.");
    if (errorType == QLatin1String("auth") || errorType == QLatin1String("quota"))
        return tr("Check the provider's key and plan in Settings → Providers.");
    return tr("Choose Retry; if it fails again, the log below says where.");
}

JobDetailDialog::JobDetailDialog(const JobRecord& record, const DataLayout& layout,
                                 const QString& logFile, QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(record.paperTitle.isEmpty() ? tr("Job %1").arg(record.id) : record.paperTitle);
    const JobSteps steps(layout.jobDir(record.userId, record.id),
                         JobOptions::fromJson(record.options));
    QStringList lines;
    for (int s = 0; s < int(Step::Done); ++s) {
        const Step step = Step(s);
        const bool done = steps.isStepDone(step);
        const bool current = !done && stepName(step) == record.currentStep;
        lines << QStringLiteral("%1  %2").arg(done      ? QStringLiteral("✓")
                                              : current ? QStringLiteral("▸")
                                                        : QStringLiteral("·"),
                                              stepName(step));
    }
    auto* heading = new QLabel(tr("<b>%1</b> — %2, %3%")
                                   .arg(record.paperTitle.toHtmlEscaped(), record.status)
                                   .arg(record.progressPercent),
                               this);
    heading->setWordWrap(true);
    m_steps = new QLabel(lines.join(QLatin1Char('\n')), this);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    if (!record.errorType.isEmpty()) {
        m_error->setText(tr("%1\n%2").arg(record.errorMessage, adviceFor(record.errorType)));
        m_error->setStyleSheet(QStringLiteral("color: #b3261e;"));
    }
    auto* log = new QPlainTextEdit(this);
    log->setReadOnly(true);
    QFile file(logFile);
    if (file.open(QIODevice::ReadOnly)) {
        QStringList mine;
        for (const QByteArray& line : file.readAll().split('\n')) {
            const QJsonObject event = QJsonDocument::fromJson(line).object();
            if (event.value(QLatin1String("job")).toInteger() == record.id)
                mine << QStringLiteral("%1  %2  %3")
                            .arg(event.value(QLatin1String("time")).toString(),
                                 event.value(QLatin1String("level")).toString(),
                                 event.value(QLatin1String("message")).toString());
        }
        log->setPlainText(
            mine.mid(std::max<qsizetype>(0, mine.size() - 20)).join(QLatin1Char('\n')));
    }
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layoutBox = new QVBoxLayout(this);
    layoutBox->addWidget(heading);
    layoutBox->addWidget(m_steps);
    layoutBox->addWidget(m_error);
    layoutBox->addWidget(log, 1);
    layoutBox->addWidget(buttons);
    resize(560, 480);
}

QString JobDetailDialog::stepsText() const {
    return m_steps->text();
}
QString JobDetailDialog::errorText() const {
    return m_error->text();
}

} // namespace hh
