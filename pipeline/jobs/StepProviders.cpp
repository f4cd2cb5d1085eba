// SPDX-License-Identifier: GPL-3.0-or-later
#include "StepProviders.h"

#include "providers/GeminiScriptWriter.h"
#include "providers/GeminiVoice.h"
#include "providers/OpenAiScriptWriter.h"
#include "providers/OpenAiSpeechVoice.h"
#include "providers/RunwayVisuals.h"
#include "script/ExtractiveScriptWriter.h"
#include "visuals/MotionGraphicsVisuals.h"
#include "voice/BuiltinVoice.h"

namespace hh {

namespace {

Error unknownName(const char* step, const QString& name, const QStringList& known) {
    return {ErrorType::Unsupported,
            QStringLiteral("unknown %1 provider \"%2\"; choose one of %3")
                .arg(QLatin1String(step), name, known.join(QStringLiteral(", ")))};
}

Error needsSession(const QString& name) {
    return {ErrorType::Unsupported,
            QStringLiteral("the %1 provider needs the network providers, which this program was "
                           "started without")
                .arg(name)};
}

template <typename T> Result<std::unique_ptr<T>> fail(Error error) {
    return Result<std::unique_ptr<T>>(std::move(error));
}

} // namespace

QStringList StepProviders::scriptNames() {
    return {QStringLiteral("builtin"), QStringLiteral("gemini"), QStringLiteral("openai")};
}
QStringList StepProviders::voiceNames() {
    return {QStringLiteral("builtin"), QStringLiteral("gemini"), QStringLiteral("openai-speech")};
}
QStringList StepProviders::visualsNames() {
    return {QStringLiteral("builtin"), QStringLiteral("runway")};
}

bool StepProviders::isBuiltin(const QString& name) {
    return name.isEmpty() || name == QLatin1String("builtin");
}

bool StepProviders::providerFor(const QString& name, ProviderId* id) {
    if (name == QLatin1String("openai-speech")) {
        *id = ProviderId::Speech;
        return true;
    }
    return !isBuiltin(name) && providerFromKey(name, id);
}

Error StepProviders::requireKey(const SecretSource& keys, ProviderId id) {
    if (id == ProviderId::OpenAi || id == ProviderId::Ncbi || id == ProviderId::Speech ||
        !keys.secret(id).isEmpty())
        return {};
    const QString variable = EnvironmentSecrets::variableFor(id);
    return {ErrorType::Auth,
            QStringLiteral("no %1 key: add your %1 key in Settings → Providers (or set %2 for "
                           "the command line), or choose the built-in provider")
                .arg(providerDisplayName(id), variable)};
}

Result<std::unique_ptr<ScriptWriter>> StepProviders::scriptWriter(const QString& name,
                                                                  ProviderSession* session) {
    if (isBuiltin(name))
        return std::unique_ptr<ScriptWriter>(std::make_unique<ExtractiveScriptWriter>());
    if (!scriptNames().contains(name))
        return fail<ScriptWriter>(unknownName("script", name, scriptNames()));
    if (!session)
        return fail<ScriptWriter>(needsSession(name));
    ProviderId id{};
    providerFor(name, &id);
    if (Error e = requireKey(session->keys(), id); e.isError())
        return fail<ScriptWriter>(e);
    if (id == ProviderId::Gemini)
        return std::unique_ptr<ScriptWriter>(std::make_unique<GeminiScriptWriter>(*session));
    return std::unique_ptr<ScriptWriter>(std::make_unique<OpenAiScriptWriter>(*session));
}

Result<std::unique_ptr<VoiceSynthesizer>> StepProviders::voice(const QString& name,
                                                               ProviderSession* session) {
    if (isBuiltin(name))
        return std::unique_ptr<VoiceSynthesizer>(std::make_unique<BuiltinVoice>());
    if (!voiceNames().contains(name))
        return fail<VoiceSynthesizer>(unknownName("voice", name, voiceNames()));
    if (!session)
        return fail<VoiceSynthesizer>(needsSession(name));
    // A speech server needs a key only when one is set for it (OpenAI itself).
    if (name == QLatin1String("openai-speech"))
        return std::unique_ptr<VoiceSynthesizer>(std::make_unique<OpenAiSpeechVoice>(*session));
    if (Error e = requireKey(session->keys(), ProviderId::Gemini); e.isError())
        return fail<VoiceSynthesizer>(e);
    return std::unique_ptr<VoiceSynthesizer>(std::make_unique<GeminiVoice>(*session));
}

Result<std::unique_ptr<SceneVisuals>> StepProviders::visuals(const QString& name,
                                                             ProviderSession* session) {
    if (isBuiltin(name))
        return std::unique_ptr<SceneVisuals>(std::make_unique<MotionGraphicsVisuals>());
    if (!visualsNames().contains(name))
        return fail<SceneVisuals>(unknownName("visuals", name, visualsNames()));
    if (!session)
        return fail<SceneVisuals>(needsSession(name));
    if (Error e = requireKey(session->keys(), ProviderId::Runway); e.isError())
        return fail<SceneVisuals>(e);
    return std::unique_ptr<SceneVisuals>(std::make_unique<RunwayVisuals>(*session));
}

} // namespace hh
