// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the provider tests share: test data, the reply envelopes of the real
// services, and a fake NCBI, so each test says only what is particular to it.
#include "FakeHttpServer.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>
#include <functional>

namespace hh::test {

class FakeClock;

// The bytes of tests/data/<relative>. A missing file ends the run (qFatal): a
// test without its data would prove nothing.
QByteArray testData(const QString& relative);

// The token counts a Gemini reply reports in usageMetadata.
struct GeminiTokens {
    int prompt = 1200;
    int output = 300;
    int thoughts = 0; // > 0: a thought part comes first, as with thinking models
};

// Gemini's generateContent reply carrying `modelText` as the model's answer
// (reference/external-apis.md).
QByteArray geminiReplyEnvelope(const QByteArray& modelText,
                               const QString& finishReason = QStringLiteral("STOP"),
                               const GeminiTokens& tokens = {});

// efetch db=pmc wraps articles in <pmc-articleset>; the corpus and tests/data
// hold bare JATS, so this adds the wrapper (and drops the file's own prolog).
QByteArray pmcArticleSet(const QByteArray& articleXml);

// A fake NCBI: one route per service and ID ("idconv 30846892", "efetch pmc
// 6398430", "oa PMC6398430", "GET /path"), each answering from a script of
// replies (the last one repeats), so a test can say "429, then the record". A
// route of the service alone ("efetch") answers any ID nobody scripted. Unknown
// routes answer 404. Every request is recorded by the server, with the fake
// clock's time at its arrival when there is a clock, for order and pacing checks.
class FakeNcbi {
public:
    explicit FakeNcbi(FakeClock* clock = nullptr);

    static QString routeOf(const FakeRequest& request);

    void on(const QString& route, const FakeReply& reply);
    void on(const QString& route, const QList<FakeReply>& replies);
    // Drops what `route` was scripted to answer: from now on it answers `reply`.
    void replace(const QString& route, const FakeReply& reply);
    QStringList routes() const;
    QList<qint64> arrivalTimes() const;
    std::function<void(const FakeRequest&)> onRequest; // runs on the server thread

private:
    FakeReply answer(const FakeRequest& request);

    FakeClock* m_clock;
    mutable QMutex m_mutex;
    QHash<QString, QList<FakeReply>> m_routes;
    QList<qint64> m_times;

public:
    // Declared last so it is destroyed first: its thread stops before the routes,
    // the mutex and the times its handler uses go away (declared above them, it
    // outlived them, and a request still being answered read freed memory under
    // ASan now and then).
    FakeHttpServer server;
};

// tests/data/tiny-paper.xml as PMC serves it, reachable by PMID 30846892 and
// PMCID PMC6398430, its figures not open access: enough for "type an ID, get a
// video" without a package download.
void serveTinyPaper(FakeNcbi& ncbi);

} // namespace hh::test
