// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "BatchSummary.h"

#include <QElapsedTimer>
#include <QList>
#include <QString>
#include <cstdio>

namespace hh::cli {

// The progress of a batch, one row per input:
// - Table: a live table on stderr, redrawn in place with ANSI cursor moves (only
//   when stderr is a terminal: escape codes in a log file are noise);
// - Lines: plain lines on stderr, one at each step change and tenth of a job;
// - Json: the contract's progress and finished events on stdout, with `input`.
class BatchProgress {
public:
    enum class Style { Table, Lines, Json };
    // Json with --json; otherwise Table on a terminal, Lines elsewhere.
    static Style styleFor(bool json);

    BatchProgress(Style style, const QList<BatchInput>& inputs, FILE* text = stderr,
                  FILE* json = stdout);

    void submitted(int row, qint64 job);
    void progress(int row, const QString& step, int percent, const QString& detail);
    void ended(int row, const BatchOutcome& outcome);
    // The table's last state, before the summary is printed below it.
    void close();

private:
    struct Row {
        QString label;
        qint64 job = 0;
        QString state = QStringLiteral("queued"); // a step name, or how the job ended
        int percent = 0;
        QString detail;
        qint64 lastPrintMs = -1000;
        int lastTenth = -1;
        bool ended = false;
    };

    void printLine(const Row& row) const;
    void printJsonProgress(const Row& row) const;
    void drawTable(bool force);
    QString tableLine(const Row& row, int width) const;

    Style m_style;
    FILE* m_text;
    FILE* m_json;
    QList<Row> m_rows;
    QElapsedTimer m_clock;
    qint64 m_lastDrawMs = -1000;
    int m_drawnLines = 0;
    int m_labelWidth = 0;
};

} // namespace hh::cli
