// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProviderFakes.h"

#include "FakeClock.h"
#include "TestUtil.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>
#include <QUrlQuery>

namespace hh::test {

QByteArray testData(const QString& relative) {
    QFile file(sourcePath(QStringLiteral("tests/data/") + relative));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(relative));
    return file.readAll();
}

QByteArray geminiReplyEnvelope(const QByteArray& modelText, const QString& finishReason,
                               const GeminiTokens& tokens) {
    QJsonArray parts;
    if (tokens.thoughts > 0)
        parts.append(QJsonObject{{QStringLiteral("text"), QStringLiteral("Planning the hook …")},
                                 {QStringLiteral("thought"), true}});
    parts.append(QJsonObject{{QStringLiteral("text"), QString::fromUtf8(modelText)}});
    QJsonObject usage{
        {QStringLiteral("promptTokenCount"), tokens.prompt},
        {QStringLiteral("candidatesTokenCount"), tokens.output},
        {QStringLiteral("totalTokenCount"), tokens.prompt + tokens.output + tokens.thoughts}};
    if (tokens.thoughts > 0)
        usage.insert(QStringLiteral("thoughtsTokenCount"), tokens.thoughts);
    const QJsonObject candidate{
        {QStringLiteral("content"), QJsonObject{{QStringLiteral("role"), QStringLiteral("model")},
                                                {QStringLiteral("parts"), parts}}},
        {QStringLiteral("finishReason"), finishReason},
        {QStringLiteral("index"), 0}};
    const QJsonObject root{{QStringLiteral("candidates"), QJsonArray{candidate}},
                           {QStringLiteral("usageMetadata"), usage},
                           {QStringLiteral("modelVersion"), QStringLiteral("gemini-2.5-flash")}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

QByteArray pmcArticleSet(const QByteArray& articleXml) {
    return "<?xml version=\"1.0\" ?>\n<!DOCTYPE pmc-articleset PUBLIC \"-//NLM//DTD ARTICLE SET "
           "2.0//EN\" \"https://dtd.nlm.nih.gov/ncbi/pmc/articleset/nlm-articleset-2.0.dtd\">\n"
           "<pmc-articleset>" +
           articleXml.mid(articleXml.indexOf("<article")) + "</pmc-articleset>\n";
}

FakeNcbi::FakeNcbi(FakeClock* clock)
    : m_clock(clock) {
    server.setHandler([this](const FakeRequest& request) { return answer(request); });
}

QString FakeNcbi::routeOf(const FakeRequest& request) {
    auto value = [&request](const char* name) {
        return request.query.queryItemValue(QLatin1String(name), QUrl::FullyDecoded);
    };
    if (request.path == "/tools/idconv/api/v1/articles/")
        return QStringLiteral("idconv ") + value("ids");
    if (request.path == "/entrez/eutils/efetch.fcgi")
        return QStringLiteral("efetch %1 %2").arg(value("db"), value("id"));
    if (request.path == "/pmc/utils/oa/oa.fcgi")
        return QStringLiteral("oa ") + value("id");
    return QStringLiteral("GET ") + QString::fromUtf8(request.path);
}

void FakeNcbi::on(const QString& route, const FakeReply& reply) {
    QMutexLocker lock(&m_mutex);
    m_routes[route].append(reply);
}

void FakeNcbi::on(const QString& route, const QList<FakeReply>& replies) {
    for (const auto& reply : replies)
        on(route, reply);
}

void FakeNcbi::replace(const QString& route, const FakeReply& reply) {
    QMutexLocker lock(&m_mutex);
    m_routes[route] = {reply};
}

QStringList FakeNcbi::routes() const {
    QStringList out;
    for (const auto& request : server.requests())
        out << routeOf(request);
    return out;
}

QList<qint64> FakeNcbi::arrivalTimes() const {
    QMutexLocker lock(&m_mutex);
    return m_times;
}

FakeReply FakeNcbi::answer(const FakeRequest& request) {
    if (onRequest)
        onRequest(request);
    QMutexLocker lock(&m_mutex);
    if (m_clock)
        m_times << m_clock->nowMs();
    const QString route = routeOf(request);
    auto it = m_routes.find(route);
    if (it == m_routes.end())
        it = m_routes.find(route.section(QLatin1Char(' '), 0, 0));
    if (it == m_routes.end() || it->isEmpty())
        return FakeReply::bytes(404, "text/html", "<html><body>Not Found</body></html>");
    return it->size() > 1 ? it->takeFirst() : it->first();
}

void serveTinyPaper(FakeNcbi& ncbi) {
    ncbi.on(QStringLiteral("idconv"),
            FakeReply::json(200, testData(QStringLiteral("ncbi/idconv-pmid-30846892.json"))));
    ncbi.on(QStringLiteral("efetch"),
            FakeReply::bytes(200, "text/xml",
                             pmcArticleSet(testData(QStringLiteral("tiny-paper.xml")))));
    ncbi.on(
        QStringLiteral("oa"),
        FakeReply::bytes(200, "text/xml", testData(QStringLiteral("ncbi/oa-not-open-access.xml"))));
}

} // namespace hh::test
