// SPDX-License-Identifier: GPL-3.0-or-later
#include "BatchSummary.h"

#include "CliContext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

namespace hh::cli {

BatchOutcome BatchOutcome::fromError(qint64 job, const Error& error) {
    BatchOutcome outcome;
    outcome.status = error.type == ErrorType::Cancelled ? Status::Cancelled : Status::Failed;
    outcome.job = job;
    outcome.error = error;
    return outcome;
}

QString BatchOutcome::statusName() const {
    switch (status) {
    case Status::Completed:
        return QStringLiteral("completed");
    case Status::Paused:
        return QStringLiteral("paused");
    case Status::Failed:
        return QStringLiteral("failed");
    case Status::Cancelled:
        return QStringLiteral("cancelled");
    case Status::Pending:
        break;
    }
    return QStringLiteral("pending");
}

QJsonObject BatchOutcome::toJson(const QString& input) const {
    QJsonObject object{{QStringLiteral("event"), QStringLiteral("finished")},
                       {QStringLiteral("input"), input},
                       {QStringLiteral("status"), statusName()}};
    if (job > 0)
        object.insert(QStringLiteral("job"), job);
    if (elapsedMs >= 0)
        object.insert(QStringLiteral("seconds"), double(elapsedMs) / 1000.0);
    if (status == Status::Completed)
        object.insert(QStringLiteral("video"), path);
    if (status == Status::Paused)
        object.insert(QStringLiteral("script"), path);
    if (error.isError()) {
        object.insert(QStringLiteral("error_type"), error.code());
        object.insert(QStringLiteral("message"), redactForOutput(error.message));
    }
    return object;
}

BatchSummary::BatchSummary(QList<BatchInput> inputs)
    : m_inputs(std::move(inputs))
    , m_outcomes(m_inputs.size()) {}

void BatchSummary::record(int row, const BatchOutcome& outcome) {
    m_outcomes[row] = outcome;
}

int BatchSummary::exitCode() const {
    if (m_cancelled)
        return exitCodeFor(ErrorType::Cancelled);
    for (const BatchOutcome& outcome : m_outcomes) {
        if (!outcome.succeeded())
            return outcome.error.isError() ? exitCodeFor(outcome.error.type) : 1;
    }
    return 0;
}

void BatchSummary::print(FILE* out) const {
    const auto made = std::count_if(m_outcomes.cbegin(), m_outcomes.cend(), [](const auto& o) {
        return o.status == BatchOutcome::Status::Completed;
    });
    std::fprintf(out, "%lld of %lld videos made%s\n", static_cast<long long>(made),
                 static_cast<long long>(m_outcomes.size()), m_cancelled ? " (cancelled)" : "");
    int labelWidth = 0;
    for (const BatchInput& input : m_inputs)
        labelWidth = std::max(labelWidth, int(input.label.size()));
    for (int row = 0; row < m_inputs.size(); ++row) {
        const BatchOutcome& outcome = m_outcomes.at(row);
        QString what = outcome.path;
        if (outcome.error.isError()) {
            what = QStringLiteral("error: %1: %2")
                       .arg(outcome.error.code(), redactForOutput(outcome.error.message));
        } else if (outcome.status == BatchOutcome::Status::Paused) {
            what = QStringLiteral("edit %1, then run 'hiddenhill-cli jobs resume %2'")
                       .arg(outcome.path)
                       .arg(outcome.job);
        }
        std::fprintf(out, "%s  %-9s  %s\n",
                     qPrintable(m_inputs.at(row).label.leftJustified(labelWidth)),
                     qPrintable(outcome.statusName()), qPrintable(what));
    }
    std::fflush(out);
}

void BatchSummary::printJson(FILE* out) const {
    QJsonArray jobs;
    int made = 0;
    for (int row = 0; row < m_inputs.size(); ++row) {
        QJsonObject job = m_outcomes.at(row).toJson(m_inputs.at(row).label);
        job.remove(QStringLiteral("event"));
        jobs.append(job);
        made += m_outcomes.at(row).status == BatchOutcome::Status::Completed ? 1 : 0;
    }
    const QJsonObject summary{{QStringLiteral("event"), QStringLiteral("summary")},
                              {QStringLiteral("completed"), made},
                              {QStringLiteral("total"), int(m_inputs.size())},
                              {QStringLiteral("cancelled"), m_cancelled},
                              {QStringLiteral("exit_code"), exitCode()},
                              {QStringLiteral("jobs"), jobs}};
    std::fprintf(out, "%s\n", QJsonDocument(summary).toJson(QJsonDocument::Compact).constData());
    std::fflush(out);
}

} // namespace hh::cli
