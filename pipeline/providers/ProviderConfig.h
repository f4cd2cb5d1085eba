// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace hh {

enum class ProviderId { Gemini, Runway, Ncbi, OpenAi, Speech };

QString providerKey(ProviderId id);         // "gemini", "runway", "ncbi", "openai", "speech"
QString providerDisplayName(ProviderId id); // "Google Gemini", …
bool providerFromKey(const QString& key, ProviderId* id);

// Where the cloud services are and which models to ask. Every base URL can be
// replaced (tests point them at 127.0.0.1); the defaults are the real services.
// Model names change every few months, so they are settings, not code.
struct ProviderConfig {
    QUrl geminiBase = QUrl(QStringLiteral("https://generativelanguage.googleapis.com"));
    QUrl runwayBase = QUrl(QStringLiteral("https://api.dev.runwayml.com"));
    QUrl ncbiBase; // empty: the real NCBI hosts (eutils, pmc, www, ftp) per URL
    QUrl openAiBase = QUrl(QStringLiteral("http://localhost:11434/v1"));
    // A server of the OpenAI speech API (POST <base>/audio/speech): Kokoro-FastAPI's
    // default address; LocalAI, openedai-speech or https://api.openai.com/v1 work too.
    QUrl speechBase = QUrl(QStringLiteral("http://localhost:8880/v1"));
    QString speechModel = QStringLiteral("kokoro");
    QString speechVoice = QStringLiteral("af_heart"); // when the job names none

    QString geminiModel = QStringLiteral("gemini-2.5-flash");
    QString geminiTtsModel = QStringLiteral("gemini-2.5-flash-preview-tts");
    QString openAiModel = QStringLiteral("llama3.1");
    QString runwayModel = QStringLiteral("gen4_turbo");
    QString runwayVersion = QStringLiteral("2024-11-06");

    QString ncbiTool = QStringLiteral("hiddenhill");
    QString ncbiEmail; // NCBI asks for a contact address; empty: not sent

    double geminiRequestsPerSecond = 1.0; // free tiers allow a handful a minute
    // Runway publishes no request rate; the polls of the top tier's 20 tasks at
    // once (one each 5 s) need 4 a second.
    double runwayRequestsPerSecond = 5.0;
    double openAiRequestsPerSecond = 0; // local server: no limit
    double speechRequestsPerSecond = 0;

    // Runway tasks one account runs at once (its tier's concurrency), shared by
    // all jobs; HH_RUNWAY_CONCURRENCY, Settings → Providers, --runway-concurrency.
    int runwayConcurrency = 2;
    // Runway updates a task at most every 5 s: never poll one more often. Only
    // the benchmark's fake (tasks of 3 s) sets it lower.
    qint64 runwayPollMs = 5000;
    // Gemini TTS requests of one script in flight at once (within the rate limit).
    int geminiTtsConcurrency = 4;

    // HH_*_BASE_URL, HH_*_MODEL and NCBI_EMAIL from the environment (design/cli.md).
    static ProviderConfig
    fromEnvironment(const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment());
    // Every base URL that is set must be https, or http to this computer.
    QStringList problems() const;
};

} // namespace hh
