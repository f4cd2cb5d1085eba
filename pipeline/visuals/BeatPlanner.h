// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Paper.h"
#include "render/SceneBeats.h"
#include "script/Script.h"
#include "voice/Narration.h"

#include <QHash>
#include <QSet>

namespace hh {

// Chooses each scene's beats from what the scene says and what the paper has,
// timed to the narration's words: the title only at the start; a figure whole,
// then the panel the sentence names; the cited sentence on its page (or laid out
// as a page), lit as it is spoken; the key number counting up, with bars when the
// sentence compares two; the key terms entering as they are said. No beat goes
// more than about 3 s without a visible change.
class BeatPlanner {
public:
    struct FigureInfo {
        double aspect = 1.0;     // width / height of the picture
        QList<QRectF> panels;    // located panels, fractions of the picture
        QStringList panelLabels; // their letters
    };

    BeatPlanner(const Paper& paper, const Script& script, const Narration& narration);

    // Figures that have a picture to show, by Figure::id.
    void setFigures(QHash<QString, FigureInfo> figures) { m_figures = std::move(figures); }
    // Sentences whose page can be shown (a PDF with places); the others are laid
    // out as a page from their text.
    void setPagesAvailable(bool available) { m_pages = available; }

    QList<QList<SceneBeat>> plan() const;

    // Turns `beat` into the sentence `beat.sentenceId` laid out as a page between
    // its neighbours in `sentences`, lit step by step: for papers without pages
    // and for a page that cannot be rendered.
    static void makeQuote(SceneBeat& beat, const QList<Sentence>& sentences);

    static constexpr qint64 kMaxStillMs = 2900; // longest time without a visible change

private:
    QList<SceneBeat> planScene(int index) const;
    QList<WordTiming> wordsOf(int scene) const;

    const Paper& m_paper;
    const Script& m_script;
    const Narration& m_narration;
    QHash<QString, FigureInfo> m_figures;
    bool m_pages = false;
    QHash<QString, Sentence> m_sentences;
    QList<Sentence> m_order;
    QHash<QString, int> m_counts;
    QSet<QString> m_titleTokens;
};

} // namespace hh
