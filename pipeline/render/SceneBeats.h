// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QRectF>
#include <QString>
#include <QStringList>

namespace hh {

// One visual of a scene, on screen from `startMs` to `endMs` (video time). A
// scene is a few beats so the picture changes every few seconds, each drawn
// from the paper: its title, a figure (whole, then the named panel), the cited
// sentence on its page, the key number, the sentence's key terms.
struct SceneBeat {
    enum class Kind { Title, Figure, Page, Quote, Number, Terms };
    Kind kind = Kind::Terms;
    qint64 startMs = 0;
    qint64 endMs = 0;

    // Figure: the scene's figure (VideoContent::figures); the camera shows it whole,
    // then moves to each of `focus` (fractions of the picture) at `focusMs`.
    QString figure;
    QList<QRectF> focus;
    QList<qint64> focusMs;

    // Page: a crop of the PDF page around the cited sentence (`image`, a file in
    // scenes/), the sentence's line boxes as fractions of it, each lit at `boxMs`.
    QString sentenceId;
    QString image;
    int page = 0;      // 1-based, for the label
    QRectF pageRegion; // what `image` shows of the page, in PDF points
    QList<QRectF> boxes;
    QList<qint64> boxMs;

    // Quote: the sentence laid out as a page between its neighbours, where the
    // paper has no page to show (JATS, DOCX, PubMed), lit as it is spoken.
    QString before;
    QString sentence;
    QString after;
    QString where; // the section, for the label

    // Number: the key number as spoken, with what it measures; `bars` when the
    // sentence compares two numbers of one unit ("from 12% to 30%").
    QString number;
    QString caption;
    struct Bar {
        QString text;
        double value = 0;
        bool operator==(const Bar&) const = default;
    };
    QList<Bar> bars;

    // Terms: the sentence's key phrases, each entering as the voice says it.
    QStringList terms;
    QList<qint64> termMs;

    // Every moment this beat visibly changes: its start, a camera move, a line
    // lit, a term entering, a number counting or a bar growing.
    QList<qint64> changes() const;

    QJsonObject toJson() const;
    static SceneBeat fromJson(const QJsonObject& json);
    static QString kindName(Kind kind);
    bool operator==(const SceneBeat&) const = default;
};

} // namespace hh
