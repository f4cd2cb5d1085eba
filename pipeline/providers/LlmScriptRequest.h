// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "script/ScriptWriter.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace hh {

// What every LLM script writer asks, so Gemini and a local model get the same
// brief: the writing rules of a good science short (a hook, 5–8 scenes, plain
// words at about 150 a minute, every number quoted from the cited sentences),
// the paper's metadata, a budgeted choice of its sentences with their IDs, and the
// JSON shape of the answer in Gemini's schema dialect and in standard JSON Schema.
//
// A long paper does not fit a cheap, fast call, so the sentences offered are the
// whole abstract and then the most telling body sentences (results and
// conclusions, numbers, "we found …") up to a character budget, shown in the
// paper's order under their section names.
class LlmScriptRequest {
public:
    // About 7,000 tokens at roughly 4 characters a token.
    static constexpr int kDefaultSentenceChars = 28000;

    LlmScriptRequest(const Paper& paper, const ScriptParams& params,
                     int sentenceChars = kDefaultSentenceChars);

    QString systemInstruction() const;
    QString userPrompt() const;
    // The follow-up turn after a script failed its checks: the exact problems and
    // what to send back.
    static QString correctionPrompt(const QStringList& problems);

    // generationConfig.responseSchema: Google's OpenAPI subset (upper-case types).
    QJsonObject geminiSchema() const;
    // Strict JSON Schema for an OpenAI-style json_schema response format.
    QJsonObject jsonSchema() const;
    static QString schemaName() { return QStringLiteral("video_script"); }

    const QList<Sentence>& sentences() const { return m_sentences; }
    int targetWords() const;
    int minScenes() const;
    int maxScenes() const;
    // Input tokens of the first call, roughly (for a spending check before it).
    qint64 estimatedPromptTokens() const;

private:
    QJsonObject schema(bool gemini) const;

    ScriptParams m_params;
    QString m_aboutPaper; // title, authors, journal, figures: the prompt's header
    QList<Sentence> m_sentences;
};

} // namespace hh
