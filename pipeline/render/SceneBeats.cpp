// SPDX-License-Identifier: GPL-3.0-or-later
#include "SceneBeats.h"

#include <QJsonArray>
#include <algorithm>

namespace hh {

namespace {

constexpr SceneBeat::Kind kKinds[] = {SceneBeat::Kind::Title,  SceneBeat::Kind::Figure,
                                      SceneBeat::Kind::Page,   SceneBeat::Kind::Quote,
                                      SceneBeat::Kind::Number, SceneBeat::Kind::Terms};

QJsonArray rectJson(const QRectF& r) {
    return {r.x(), r.y(), r.width(), r.height()};
}

// A rectangle read from a hand-editable plan: only a part of the picture counts.
QRectF rectFrom(const QJsonValue& value) {
    const QJsonArray a = value.toArray();
    if (a.size() != 4)
        return {};
    const QRectF r(a.at(0).toDouble(), a.at(1).toDouble(), a.at(2).toDouble(), a.at(3).toDouble());
    return r.width() > 0.01 && r.height() > 0.005 &&
                   QRectF(-0.001, -0.001, 1.002, 1.002).contains(r)
               ? r
               : QRectF();
}

QJsonArray timesJson(const QList<qint64>& times) {
    QJsonArray a;
    for (qint64 t : times)
        a.append(double(t));
    return a;
}

QList<qint64> timesFrom(const QJsonValue& value) {
    QList<qint64> out;
    for (const QJsonValue& v : value.toArray())
        out << qint64(v.toDouble());
    return out;
}

} // namespace

QString SceneBeat::kindName(Kind kind) {
    switch (kind) {
    case Kind::Title:
        return QStringLiteral("title");
    case Kind::Figure:
        return QStringLiteral("figure");
    case Kind::Page:
        return QStringLiteral("page");
    case Kind::Quote:
        return QStringLiteral("quote");
    case Kind::Number:
        return QStringLiteral("number");
    case Kind::Terms:
        return QStringLiteral("terms");
    }
    return {};
}

QList<qint64> SceneBeat::changes() const {
    QList<qint64> out{startMs};
    const auto add = [&](const QList<qint64>& times) {
        for (qint64 t : times) {
            if (t > startMs && t < endMs)
                out << t;
        }
    };
    add(focusMs);
    add(boxMs);
    add(termMs);
    if (kind == Kind::Number && !bars.isEmpty())
        add({startMs + 900}); // the bars grow once the number has counted up
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

QJsonObject SceneBeat::toJson() const {
    QJsonObject o{{QStringLiteral("kind"), kindName(kind)},
                  {QStringLiteral("start_ms"), double(startMs)},
                  {QStringLiteral("end_ms"), double(endMs)}};
    switch (kind) {
    case Kind::Title:
        break;
    case Kind::Figure: {
        o.insert(QStringLiteral("figure"), figure);
        QJsonArray rects;
        for (const QRectF& r : focus)
            rects.append(rectJson(r));
        o.insert(QStringLiteral("focus"), rects);
        o.insert(QStringLiteral("focus_ms"), timesJson(focusMs));
        break;
    }
    case Kind::Page: {
        o.insert(QStringLiteral("sentence"), sentenceId);
        o.insert(QStringLiteral("image"), image);
        o.insert(QStringLiteral("page"), page);
        o.insert(QStringLiteral("page_region"), rectJson(pageRegion));
        QJsonArray rects;
        for (const QRectF& r : boxes)
            rects.append(rectJson(r));
        o.insert(QStringLiteral("boxes"), rects);
        o.insert(QStringLiteral("box_ms"), timesJson(boxMs));
        break;
    }
    case Kind::Quote:
        o.insert(QStringLiteral("before"), before);
        o.insert(QStringLiteral("text"), sentence);
        o.insert(QStringLiteral("after"), after);
        o.insert(QStringLiteral("where"), where);
        o.insert(QStringLiteral("box_ms"), timesJson(boxMs)); // each step of the highlight
        break;
    case Kind::Number: {
        o.insert(QStringLiteral("number"), number);
        o.insert(QStringLiteral("caption"), caption);
        QJsonArray a;
        for (const Bar& bar : bars)
            a.append(QJsonObject{{QStringLiteral("text"), bar.text},
                                 {QStringLiteral("value"), bar.value}});
        o.insert(QStringLiteral("bars"), a);
        break;
    }
    case Kind::Terms:
        o.insert(QStringLiteral("terms"), QJsonArray::fromStringList(terms));
        o.insert(QStringLiteral("term_ms"), timesJson(termMs));
        break;
    }
    return o;
}

SceneBeat SceneBeat::fromJson(const QJsonObject& o) {
    SceneBeat beat;
    const QString kind = o.value(QLatin1String("kind")).toString();
    for (Kind k : kKinds) {
        if (kindName(k) == kind)
            beat.kind = k;
    }
    beat.startMs = qint64(o.value(QLatin1String("start_ms")).toDouble());
    beat.endMs = std::max(beat.startMs, qint64(o.value(QLatin1String("end_ms")).toDouble()));
    beat.figure = o.value(QLatin1String("figure")).toString();
    for (const QJsonValue& v : o.value(QLatin1String("focus")).toArray()) {
        if (const QRectF r = rectFrom(v); !r.isEmpty())
            beat.focus << r;
    }
    beat.focusMs = timesFrom(o.value(QLatin1String("focus_ms")));
    beat.focusMs.resize(beat.focus.size(), beat.startMs);
    beat.sentenceId = o.value(QLatin1String("sentence")).toString();
    beat.image = o.value(QLatin1String("image")).toString();
    beat.page = o.value(QLatin1String("page")).toInt();
    if (const QJsonArray r = o.value(QLatin1String("page_region")).toArray(); r.size() == 4)
        beat.pageRegion =
            QRectF(r.at(0).toDouble(), r.at(1).toDouble(), r.at(2).toDouble(), r.at(3).toDouble());
    for (const QJsonValue& v : o.value(QLatin1String("boxes")).toArray()) {
        if (const QRectF r = rectFrom(v); !r.isEmpty())
            beat.boxes << r;
    }
    beat.boxMs = timesFrom(o.value(QLatin1String("box_ms")));
    if (beat.kind == Kind::Page)
        beat.boxMs.resize(beat.boxes.size(), beat.startMs);
    else
        beat.boxMs = beat.boxMs.mid(0, 32);
    beat.before = o.value(QLatin1String("before")).toString();
    beat.sentence = o.value(QLatin1String("text")).toString();
    beat.after = o.value(QLatin1String("after")).toString();
    beat.where = o.value(QLatin1String("where")).toString();
    beat.number = o.value(QLatin1String("number")).toString();
    beat.caption = o.value(QLatin1String("caption")).toString();
    for (const QJsonValue& v : o.value(QLatin1String("bars")).toArray()) {
        const QJsonObject b = v.toObject();
        const double value = b.value(QLatin1String("value")).toDouble();
        if (value >= 0 && beat.bars.size() < 4)
            beat.bars.append({b.value(QLatin1String("text")).toString(), value});
    }
    for (const QJsonValue& v : o.value(QLatin1String("terms")).toArray())
        beat.terms << v.toString();
    beat.terms = beat.terms.mid(0, 4);
    beat.termMs = timesFrom(o.value(QLatin1String("term_ms")));
    beat.termMs.resize(beat.terms.size(), beat.startMs);
    return beat;
}

} // namespace hh
