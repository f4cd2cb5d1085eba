// SPDX-License-Identifier: GPL-3.0-or-later
#include "BatchProgress.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSize>
#include <algorithm>
#include <sys/ioctl.h>
#include <unistd.h>

namespace hh::cli {

namespace {

constexpr qint64 kRedrawMs = 100; // at most 10 updates a second, as the single form
constexpr int kMaxLabelWidth = 40;

QSize terminalSize() {
    winsize size{};
    if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 20 && size.ws_row > 3)
        return {size.ws_col, size.ws_row};
    return {100, 40};
}

// A long path keeps its start and its file name: "papers/…/long-name.pdf".
QString elided(const QString& text, int width) {
    if (text.size() <= width)
        return text;
    const int tail = width * 2 / 3;
    return text.left(width - tail - 1) + QChar(0x2026) + text.right(tail);
}

} // namespace

BatchProgress::Style BatchProgress::styleFor(bool json) {
    if (json)
        return Style::Json;
    return ::isatty(STDERR_FILENO) != 0 ? Style::Table : Style::Lines;
}

BatchProgress::BatchProgress(Style style, const QList<BatchInput>& inputs, FILE* text, FILE* json)
    : m_style(style)
    , m_text(text)
    , m_json(json) {
    m_clock.start();
    for (const BatchInput& input : inputs) {
        Row row;
        row.label = input.label;
        m_rows << row;
        m_labelWidth =
            std::max(m_labelWidth, int(std::min<qsizetype>(input.label.size(), kMaxLabelWidth)));
    }
    if (m_style == Style::Table)
        drawTable(true);
}

void BatchProgress::submitted(int row, qint64 job) {
    m_rows[row].job = job;
    if (m_style == Style::Table)
        drawTable(false);
}

void BatchProgress::progress(int index, const QString& step, int percent, const QString& detail) {
    Row& row = m_rows[index];
    const bool stepChanged = step != row.state;
    const bool boundary = detail == QLatin1String("starting") || detail == QLatin1String("done");
    row.state = step;
    row.percent = percent;
    row.detail = detail;
    switch (m_style) {
    case Style::Table:
        drawTable(false);
        break;
    case Style::Lines:
        // A log needs the shape of the run, not every frame: step changes and tenths.
        if (stepChanged || percent / 10 != row.lastTenth) {
            row.lastTenth = percent / 10;
            printLine(row);
        }
        break;
    case Style::Json:
        if (stepChanged || boundary || m_clock.elapsed() - row.lastPrintMs >= kRedrawMs) {
            row.lastPrintMs = m_clock.elapsed();
            printJsonProgress(row);
        }
        break;
    }
}

void BatchProgress::ended(int index, const BatchOutcome& outcome) {
    Row& row = m_rows[index];
    row.job = outcome.job;
    row.state = outcome.statusName();
    row.ended = true;
    if (outcome.status == BatchOutcome::Status::Completed)
        row.percent = 100;
    row.detail =
        outcome.status == BatchOutcome::Status::Failed ? outcome.error.code() : outcome.path;
    switch (m_style) {
    case Style::Table:
        drawTable(true);
        break;
    case Style::Lines:
        printLine(row);
        break;
    case Style::Json:
        std::fprintf(
            m_json, "%s\n",
            QJsonDocument(outcome.toJson(row.label)).toJson(QJsonDocument::Compact).constData());
        std::fflush(m_json);
        break;
    }
}

void BatchProgress::close() {
    if (m_style == Style::Table)
        drawTable(true);
}

void BatchProgress::printLine(const Row& row) const {
    std::fprintf(m_text, "[%3d%%] %s  %-15s %s\n", row.percent,
                 qPrintable(row.label.leftJustified(m_labelWidth)), qPrintable(row.state),
                 qPrintable(row.detail));
    std::fflush(m_text);
}

void BatchProgress::printJsonProgress(const Row& row) const {
    const QJsonObject event{{QStringLiteral("event"), QStringLiteral("progress")},
                            {QStringLiteral("job"), row.job},
                            {QStringLiteral("input"), row.label},
                            {QStringLiteral("step"), row.state},
                            {QStringLiteral("percent"), row.percent},
                            {QStringLiteral("detail"), row.detail}};
    std::fprintf(m_json, "%s\n", QJsonDocument(event).toJson(QJsonDocument::Compact).constData());
    std::fflush(m_json);
}

QString BatchProgress::tableLine(const Row& row, int width) const {
    const QString job = row.job > 0 ? QStringLiteral("#%1").arg(row.job) : QString();
    const QString line = QStringLiteral("%1 [%2%] %3  %4 %5")
                             .arg(job, 5)
                             .arg(row.percent, 3)
                             .arg(elided(row.label, kMaxLabelWidth), -m_labelWidth)
                             .arg(row.state, -15)
                             .arg(row.detail);
    // A line wider than the terminal wraps, and the cursor moves would miss it.
    return line.left(width - 1);
}

void BatchProgress::drawTable(bool force) {
    if (!force && m_clock.elapsed() - m_lastDrawMs < kRedrawMs)
        return;
    m_lastDrawMs = m_clock.elapsed();
    const QSize terminal = terminalSize();
    QList<QString> lines;
    if (m_rows.size() < terminal.height()) {
        for (const Row& row : std::as_const(m_rows))
            lines << tableLine(row, terminal.width());
    } else {
        // Rows above the top of the screen cannot be reached by cursor moves: a batch
        // taller than the terminal shows its running jobs and counts the others.
        int queued = 0;
        int finished = 0;
        for (const Row& row : std::as_const(m_rows)) {
            if (row.ended)
                ++finished;
            else if (row.state == QLatin1String("queued"))
                ++queued;
            else if (lines.size() < terminal.height() - 2)
                lines << tableLine(row, terminal.width());
        }
        lines << QStringLiteral("      %1 queued, %2 finished").arg(queued).arg(finished);
    }
    QByteArray frame;
    if (m_drawnLines > 0)
        frame += "\033[" + QByteArray::number(m_drawnLines) + "A"; // back to the first row
    for (const QString& line : std::as_const(lines))
        frame += "\r\033[K" + line.toUtf8() + "\n";
    frame += "\033[J"; // a shorter table leaves no rows of the last one behind
    m_drawnLines = int(lines.size());
    std::fwrite(frame.constData(), 1, size_t(frame.size()), m_text);
    std::fflush(m_text);
}

} // namespace hh::cli
