// SPDX-License-Identifier: GPL-3.0-or-later
// "My Videos": the job list model, its filter proxy, the card delegate and the
// library view, over a real job table in a temporary data folder.
#include "JobDelegate.h"
#include "JobFilterProxy.h"
#include "JobListModel.h"
#include "LibraryView.h"
#include "StorageIds.h"
#include "TestUtil.h"
#include "Theme.h"
#include "Translations.h"
#include "WaitingText.h"
#include "jobs/DataLayout.h"
#include "jobs/JobRunner.h"
#include "jobs/JobStore.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QImage>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStyleOptionViewItem>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <memory>

using namespace hh;

namespace {

// A data folder with a job table whose clock advances an hour per write, so
// every job has its own created_at and "newest first" is well defined.
class Library {
public:
    Library()
        : m_layout(m_dir.path())
        , m_store(m_layout.databasePath(), [this] { return tick(); }) {}

    bool open() {
        if (!m_dir.isValid() || m_store.open().isError())
            return false;
        auto first = m_store.createUser(QStringLiteral("ada"), QStringLiteral("hash"));
        auto second = m_store.createUser(QStringLiteral("bob"), QStringLiteral("hash"));
        if (!first || !second)
            return false;
        ada = first.value();
        bob = second.value();
        return true;
    }

    // Creates a job and walks it to `status` the way the runner would.
    qint64 addJob(qint64 user, const QString& title, const QString& paperId,
                  const QString& status) {
        auto created = m_store.createJob(
            user, paperId, title, QStringLiteral("pdf"),
            QJsonObject{{QStringLiteral("duration"), 58},
                        {QStringLiteral("input"),
                         QStringLiteral("/home/ada/papers/") + title + QStringLiteral(".pdf")}});
        if (!created)
            return 0;
        const qint64 id = created.value();
        test::ensureJobDirOf(m_layout, user, id);
        const QString audio = QStringLiteral("generate-audio");
        if (status == JobStatus::Pending)
            return id;
        if (status == JobStatus::Queued) {
            m_store.enqueue(user, id, QStringLiteral("1@elsewhere.invalid"));
            return id;
        }
        m_store.setRunning(user, id, audio, 62);
        if (status == JobStatus::Completed)
            m_store.finish(user, id,
                           QDir(test::jobDirOf(m_layout, user, id)).filePath("final_video.mp4"));
        else if (status == JobStatus::Failed)
            m_store.fail(user, id, ErrorType::NoText, QStringLiteral("The PDF has no text layer"));
        else if (status == JobStatus::Cancelled)
            m_store.fail(user, id, ErrorType::Cancelled, QStringLiteral("Cancelled"));
        else if (status == JobStatus::Paused)
            m_store.setPaused(user, id, QStringLiteral("generate-script"), 40);
        return id;
    }

    // A 9:16 frame standing in for the renderer's title card.
    void writeThumbnail(qint64 user, qint64 id, const QColor& color) const {
        QImage image(540, 960, QImage::Format_RGB32);
        image.fill(color);
        QPainter painter(&image);
        painter.setPen(Qt::white);
        QFont font = painter.font();
        font.setPixelSize(60);
        font.setBold(true);
        painter.setFont(font);
        painter.drawText(image.rect().adjusted(40, 0, -40, 0), Qt::AlignCenter | Qt::TextWordWrap,
                         QStringLiteral("Gut microbes shape mood"));
        painter.end();
        image.save(QDir(test::jobDirOf(m_layout, user, id)).filePath("thumbnail.png"));
    }

    // Writes a status this build does not know, as a newer version would leave it.
    bool writeRawStatus(qint64 id, const QString& status) {
        const QString name = QStringLiteral("tst_library-raw");
        bool ok = false;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(m_layout.databasePath());
            if (db.open()) {
                QSqlQuery query(db);
                query.prepare(QStringLiteral("UPDATE video_jobs SET status = ? WHERE id = ?"));
                query.addBindValue(status);
                query.addBindValue(id);
                ok = query.exec() && query.numRowsAffected() == 1;
            }
        }
        QSqlDatabase::removeDatabase(name);
        return ok;
    }

    const DataLayout& layout() const { return m_layout; }
    JobStore& store() { return m_store; }

    qint64 ada = 0;
    qint64 bob = 0;

private:
    QDateTime tick() {
        m_now = m_now.addSecs(3600);
        return m_now;
    }

    QTemporaryDir m_dir;
    DataLayout m_layout;
    QDateTime m_now = QDateTime::currentDateTimeUtc().addDays(-3);
    JobStore m_store;
};

QList<qint64> idsInOrder(const QAbstractItemModel& model) {
    QList<qint64> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids << model.index(row, 0).data(JobListModel::IdRole).toLongLong();
    return ids;
}

QStringList titlesInOrder(const QAbstractItemModel& model) {
    QStringList titles;
    for (int row = 0; row < model.rowCount(); ++row)
        titles << model.index(row, 0).data(JobListModel::TitleRole).toString();
    return titles;
}

QStyleOptionViewItem optionFor(const JobDelegate& delegate, const QModelIndex& index,
                               const QPalette& palette = QApplication::palette()) {
    QStyleOptionViewItem option;
    option.font = QApplication::font();
    option.fontMetrics = QFontMetrics(option.font);
    option.palette = palette;
    option.state = QStyle::State_Enabled;
    option.rect = QRect(QPoint(0, 0), delegate.sizeHint(option, index));
    return option;
}

QImage paintRow(const JobDelegate& delegate, const QModelIndex& index,
                const QPalette& palette = QApplication::palette()) {
    const QStyleOptionViewItem option = optionFor(delegate, index, palette);
    QImage image(option.rect.size(), QImage::Format_ARGB32_Premultiplied);
    image.fill(palette.color(QPalette::Base));
    QPainter painter(&image);
    delegate.paint(&painter, option, index);
    return image;
}

int differingPixels(const QImage& a, const QImage& b, const QRect& area) {
    int count = 0;
    for (int y = area.top(); y <= area.bottom(); ++y) {
        for (int x = area.left(); x <= area.right(); ++x)
            count += a.pixel(x, y) != b.pixel(x, y) ? 1 : 0;
    }
    return count;
}

// Pixels in `area` within a small distance of `color`: how much of it is painted in that colour.
int pixelsNear(const QImage& image, const QRect& area, const QColor& color) {
    int count = 0;
    for (int y = area.top(); y <= area.bottom(); ++y) {
        for (int x = area.left(); x <= area.right(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            const int distance = qAbs(pixel.red() - color.red()) +
                                 qAbs(pixel.green() - color.green()) +
                                 qAbs(pixel.blue() - color.blue());
            count += distance < 40 ? 1 : 0;
        }
    }
    return count;
}

} // namespace

class TestLibrary : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void waitingJobsSayWhatTheyWaitFor_data();
    void waitingJobsSayWhatTheyWaitFor();
    void modelShowsOnlyTheAccountsJobsNewestFirst();
    void cardsNameThePaperNeverItsHash();
    void progressChangesExactlyOneRow();
    void otherAccountsSignalsChangeNothing();
    void finishedAndFailedRefreshFromTheStore();
    void jobSubmittedElsewhereAppearsAtTheTop();
    void thumbnailArrivesLaterWithoutBlocking();
    void proxyFiltersAndSorts_data();
    void proxyFiltersAndSorts();
    void delegateSizeDependsOnMode();
    void delegatePaintsEveryStatus_data();
    void delegatePaintsEveryStatus();
    void relativeTimeAndShortReasons();
    void runningCardPaintsItsBar();
    void statusIsColouredByState_data();
    void statusIsColouredByState();
    void lengthIsMinutesAndSeconds_data();
    void lengthIsMinutesAndSeconds();
    void cardsSitOnTheGrid();
    void emptyStateOnlyWithoutJobs();
    void actionsFollowTheStatus_data();
    void actionsFollowTheStatus();
    void doubleClickPlaysOrShowsDetails();
    void deleteAsksFirst();
    void defaultDeleteConfirmationMentionsFiles();
    void queuedCardsShowTheirPlaceAndMoveToTop();
    void screenshots();
};

void TestLibrary::modelShowsOnlyTheAccountsJobsNewestFirst() {
    Library library;
    QVERIFY(library.open());
    const qint64 first = library.addJob(library.ada, "Gut microbes", "PMC7306534", "completed");
    const qint64 bobs = library.addJob(library.bob, "Bob's paper", "1234", "pending");
    const qint64 second = library.addJob(library.ada, "Sleep and memory", "31452104", "running");
    const qint64 third = library.addJob(library.ada, "Coral reefs", "notes.docx", "failed");

    JobListModel model(library.layout());
    QVERIFY(!model.setUser(library.ada).isError());
    QCOMPARE(idsInOrder(model), (QList<qint64>{third, second, first}));
    QCOMPARE(model.index(1, 0).data(JobListModel::ProgressRole).toInt(), 62);
    QCOMPARE(model.index(2, 0).data(JobListModel::DurationRole).toInt(), 58);

    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QVERIFY(!model.setUser(library.bob).isError());
    QCOMPARE(reset.count(), 1);
    QCOMPARE(idsInOrder(model), QList<qint64>{bobs});
    QVERIFY(model.jobDir(bobs).contains(test::userUuidOf(library.layout(), library.bob)));
}

// A card says where the paper came from as a person knows it: the PMID or DOI
// typed, or the file's name, never the content hash the job row keys it by.
void TestLibrary::cardsNameThePaperNeverItsHash() {
    Library library;
    QVERIFY(library.open());
    const qint64 fromFile =
        library.addJob(library.ada, "Otters", "sha256:9f86d081884c7d65", "completed");
    const qint64 fromId = library.addJob(library.ada, "Sleep", "31452104", "completed");
    JobListModel model(library.layout());
    QVERIFY(!model.setUser(library.ada).isError());
    QCOMPARE(model.indexOfJob(fromFile).data(JobListModel::SourceRole).toString(),
             QStringLiteral("Otters.pdf"));
    QCOMPARE(model.indexOfJob(fromId).data(JobListModel::SourceRole).toString(),
             QStringLiteral("31452104"));
}

void TestLibrary::progressChangesExactlyOneRow() {
    Library library;
    QVERIFY(library.open());
    library.addJob(library.ada, "One", "1", "completed");
    const qint64 running = library.addJob(library.ada, "Two", "2", "running");
    library.addJob(library.ada, "Three", "3", "pending");
    JobRunner runner(library.layout());
    JobListModel model(library.layout());
    model.setRunner(&runner);
    QVERIFY(!model.setUser(library.ada).isError());
    const QModelIndex index = model.indexOfJob(running);
    QCOMPARE(index.row(), 1);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    Q_EMIT runner.progressChanged(library.ada, running, QStringLiteral("generate-videos"), 71,
                                  QStringLiteral("scene 3 of 7"));
    QCOMPARE(changed.count(), 1);
    const auto arguments = changed.takeFirst();
    QCOMPARE(arguments.at(0).toModelIndex(), index);
    QCOMPARE(arguments.at(1).toModelIndex(), index);
    const auto roles = arguments.at(2).value<QList<int>>();
    QVERIFY(roles.contains(JobListModel::ProgressRole));
    QVERIFY(roles.contains(JobListModel::StepRole));
    QVERIFY(!roles.contains(JobListModel::ThumbnailRole));
    QCOMPARE(index.data(JobListModel::ProgressRole).toInt(), 71);
    QCOMPARE(index.data(JobListModel::DetailRole).toString(), QStringLiteral("scene 3 of 7"));

    // The same numbers again change nothing, so nothing is repainted.
    Q_EMIT runner.progressChanged(library.ada, running, QStringLiteral("generate-videos"), 71,
                                  QStringLiteral("scene 3 of 7"));
    QCOMPARE(changed.count(), 0);
}

void TestLibrary::otherAccountsSignalsChangeNothing() {
    Library library;
    QVERIFY(library.open());
    const qint64 adas = library.addJob(library.ada, "Ada's", "1", "running");
    const qint64 bobs = library.addJob(library.bob, "Bob's", "2", "running");
    JobRunner runner(library.layout());
    JobListModel model(library.layout());
    model.setRunner(&runner);
    QVERIFY(!model.setUser(library.ada).isError());

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    Q_EMIT runner.progressChanged(library.bob, bobs, QStringLiteral("generate-audio"), 90, {});
    Q_EMIT runner.jobFinished(library.bob, bobs, QStringLiteral("/x.mp4"));
    Q_EMIT runner.jobFailed(library.bob, adas, QStringLiteral("network"), QStringLiteral("x"));
    // Even a signal that names Ada with Bob's job must not bring his row in.
    Q_EMIT runner.progressChanged(library.ada, bobs, QStringLiteral("generate-audio"), 90, {});
    Q_EMIT runner.jobPaused(library.ada, bobs);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(idsInOrder(model), QList<qint64>{adas});
}

void TestLibrary::finishedAndFailedRefreshFromTheStore() {
    Library library;
    QVERIFY(library.open());
    const qint64 done = library.addJob(library.ada, "Done soon", "1", "running");
    const qint64 doomed = library.addJob(library.ada, "Fails soon", "2", "running");
    JobRunner runner(library.layout());
    JobListModel model(library.layout());
    model.setRunner(&runner);
    QVERIFY(!model.setUser(library.ada).isError());

    const QString video =
        QDir(test::jobDirOf(library.layout(), library.ada, done)).filePath("v.mp4");
    QVERIFY(!library.store().setTitle(library.ada, done, "Known title", "pdf").isError());
    QVERIFY(!library.store().finish(library.ada, done, video).isError());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    Q_EMIT runner.jobFinished(library.ada, done, video);
    QCOMPARE(changed.count(), 1);
    const QModelIndex doneIndex = model.indexOfJob(done);
    QCOMPARE(doneIndex.data(JobListModel::StatusRole).toString(), QString(JobStatus::Completed));
    QCOMPARE(doneIndex.data(JobListModel::VideoPathRole).toString(), video);
    QCOMPARE(doneIndex.data(JobListModel::TitleRole).toString(), QStringLiteral("Known title"));
    QCOMPARE(doneIndex.data(JobListModel::ProgressRole).toInt(), 100);

    QVERIFY(!library.store().fail(library.ada, doomed, ErrorType::Network, "offline").isError());
    Q_EMIT runner.jobFailed(library.ada, doomed, QStringLiteral("network"), "offline");
    const QModelIndex failedIndex = model.indexOfJob(doomed);
    QCOMPARE(failedIndex.data(JobListModel::StatusRole).toString(), QString(JobStatus::Failed));
    QCOMPARE(failedIndex.data(JobListModel::ErrorTypeRole).toString(),
             errorTypeCode(ErrorType::Network));
    QCOMPARE(failedIndex.data(JobListModel::ErrorMessageRole).toString(),
             QStringLiteral("offline"));

    // Deleted elsewhere: refreshing takes the row away.
    QVERIFY(!library.store().deleteJob(library.ada, doomed).isError());
    model.refreshJob(doomed);
    QCOMPARE(idsInOrder(model), QList<qint64>{done});
}

void TestLibrary::jobSubmittedElsewhereAppearsAtTheTop() {
    Library library;
    QVERIFY(library.open());
    library.addJob(library.ada, "Old", "1", "completed");
    JobRunner runner(library.layout());
    JobListModel model(library.layout());
    model.setRunner(&runner);
    QVERIFY(!model.setUser(library.ada).isError());

    const qint64 fresh = library.addJob(library.ada, "Fresh", "2", "pending");
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    Q_EMIT runner.progressChanged(library.ada, fresh, QStringLiteral("fetch-paper"), 1, {});
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(inserted.first().at(2).toInt(), 0);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, 0).data(JobListModel::IdRole).toLongLong(), fresh);
}

void TestLibrary::thumbnailArrivesLaterWithoutBlocking() {
    Library library;
    QVERIFY(library.open());
    const qint64 id = library.addJob(library.ada, "Pictured", "1", "completed");
    library.writeThumbnail(library.ada, id, QColor(20, 90, 140));
    JobListModel model(library.layout());
    QVERIFY(!model.setUser(library.ada).isError());

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    const QModelIndex index = model.index(0, 0);
    // The first ask only starts the load; the pixmap comes with dataChanged.
    QVERIFY(index.data(JobListModel::ThumbnailRole).value<QPixmap>().isNull());
    QTRY_COMPARE(changed.count(), 1);
    QVERIFY(changed.first().at(2).value<QList<int>>().contains(JobListModel::ThumbnailRole));
    const QPixmap pixmap = index.data(JobListModel::ThumbnailRole).value<QPixmap>();
    QVERIFY(!pixmap.isNull());
    QVERIFY(pixmap.width() <= JobListModel::kThumbnailSize.width());
    QVERIFY(pixmap.height() <= JobListModel::kThumbnailSize.height());
}

void TestLibrary::proxyFiltersAndSorts_data() {
    QTest::addColumn<QString>("search");
    QTest::addColumn<QString>("status");
    QTest::addColumn<int>("order");
    QTest::addColumn<QStringList>("expected");
    const int newest = int(JobFilterProxy::SortOrder::Newest);
    const int oldest = int(JobFilterProxy::SortOrder::Oldest);
    const int title = int(JobFilterProxy::SortOrder::Title);
    QTest::newRow("all newest") << ""
                                << "" << newest
                                << QStringList{"Ageing bones", "Coral reefs", "Sleep and memory",
                                               "Crispr in crops", "Gut microbes"};
    QTest::newRow("all oldest") << ""
                                << "" << oldest
                                << QStringList{"Gut microbes", "Crispr in crops",
                                               "Sleep and memory", "Coral reefs", "Ageing bones"};
    QTest::newRow("by title") << ""
                              << "" << title
                              << QStringList{"Ageing bones", "Coral reefs", "Crispr in crops",
                                             "Gut microbes", "Sleep and memory"};
    QTest::newRow("paper id, any case")
        << "pmc"
        << "" << newest << QStringList{"Ageing bones", "Gut microbes"};
    QTest::newRow("title, any case") << "  SLEEP "
                                     << "" << newest << QStringList{"Sleep and memory"};
    QTest::newRow("file name") << ".docx"
                               << "" << newest << QStringList{"Coral reefs"};
    QTest::newRow("running includes pending")
        << ""
        << "running" << newest << QStringList{"Coral reefs", "Sleep and memory"};
    QTest::newRow("failed") << ""
                            << "failed" << newest << QStringList{"Crispr in crops"};
    QTest::newRow("cancelled") << ""
                               << "cancelled" << newest << QStringList{"Ageing bones"};
    QTest::newRow("status and text") << "gut"
                                     << "completed" << newest << QStringList{"Gut microbes"};
    QTest::newRow("status excludes text match") << "gut"
                                                << "failed" << newest << QStringList{};
    QTest::newRow("no match") << "zzz"
                              << "" << title << QStringList{};
}

void TestLibrary::proxyFiltersAndSorts() {
    QFETCH(QString, search);
    QFETCH(QString, status);
    QFETCH(int, order);
    QFETCH(QStringList, expected);
    Library library;
    QVERIFY(library.open());
    library.addJob(library.ada, "Gut microbes", "PMC7306534", "completed");
    library.addJob(library.ada, "Crispr in crops", "paper.pdf", "failed");
    library.addJob(library.ada, "Sleep and memory", "31452104", "running");
    library.addJob(library.ada, "Coral reefs", "notes.docx", "pending");
    library.addJob(library.ada, "Ageing bones", "PMC1", "cancelled");
    JobListModel model(library.layout());
    QVERIFY(!model.setUser(library.ada).isError());
    JobFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.setSearchText(search);
    proxy.setStatusFilter(status);
    proxy.setSortOrder(JobFilterProxy::SortOrder(order));
    QCOMPARE(titlesInOrder(proxy), expected);
}

void TestLibrary::delegateSizeDependsOnMode() {
    Library library;
    QVERIFY(library.open());
    library.addJob(library.ada, "Gut microbes", "PMC7306534", "completed");
    JobListModel model(library.layout());
    QVERIFY(!model.setUser(library.ada).isError());
    JobDelegate delegate;
    const QModelIndex index = model.index(0, 0);
    const QSize card = optionFor(delegate, index).rect.size();
    delegate.setMode(JobDelegate::Mode::Rows);
    const QSize row = optionFor(delegate, index).rect.size();
    QVERIFY(card != row);
    QVERIFY(card.height() > card.width()); // a portrait card around a 9:16 frame
    QVERIFY(row.width() > row.height());
}

const QStringList kEveryStatus{"pending", "running",   "paused",     "completed",
                               "failed",  "cancelled", "someday-new"};

void TestLibrary::delegatePaintsEveryStatus_data() {
    QTest::addColumn<QString>("status");
    for (const QString& status : kEveryStatus)
        QTest::newRow(qPrintable(status)) << status;
}

// Every status, including one written by a newer version, paints a status line
// that tells it apart from every other status, in cards and in rows.
void TestLibrary::delegatePaintsEveryStatus() {
    QFETCH(QString, status);
    Library library;
    QVERIFY(library.open());
    QHash<QString, qint64> ids;
    for (const QString& each : kEveryStatus) {
        const bool known = JobStatus::isKnown(each);
        ids[each] = library.addJob(library.ada, "Same title", "PMC7306534",
                                   known ? each : QStringLiteral("pending"));
        if (!known)
            QVERIFY(library.writeRawStatus(ids[each], each));
    }
    JobListModel model(library.layout());
    QVERIFY(!model.setUser(library.ada).isError());
    const QModelIndex index = model.indexOfJob(ids[status]);
    QVERIFY(index.isValid());
    QCOMPARE(index.data(JobListModel::StatusRole).toString(), status);
    JobDelegate delegate;
    for (const auto mode : {JobDelegate::Mode::Cards, JobDelegate::Mode::Rows}) {
        delegate.setMode(mode);
        const QImage mine = paintRow(delegate, index);
        const QRect area = delegate.statusRect(optionFor(delegate, index));
        QImage blank(mine.size(), mine.format());
        blank.fill(QApplication::palette().color(QPalette::Base));
        QVERIFY2(differingPixels(mine, blank, area) > 0, "the status line is empty");
        for (const QString& other : kEveryStatus) {
            if (other == status)
                continue;
            const QImage theirs = paintRow(delegate, model.indexOfJob(ids[other]));
            QVERIFY2(differingPixels(mine, theirs, area) > 0,
                     qPrintable(QStringLiteral("%1 looks like %2").arg(status, other)));
        }
    }
}

void TestLibrary::relativeTimeAndShortReasons() {
    QCOMPARE(JobDelegate::relativeTime(QDateTime::currentDateTimeUtc().addSecs(-2 * 3600 - 5),
                                       QDateTime::currentDateTimeUtc()),
             QStringLiteral("2 h ago"));
    QCOMPARE(JobDelegate::shortReason(errorTypeCode(ErrorType::NoText), {}),
             QStringLiteral("no text layer – OCR?"));
}

void TestLibrary::runningCardPaintsItsBar() {
    Library library;
    QVERIFY(library.open());
    const qint64 running = library.addJob(library.ada, "Same title", "1", "running");
    const qint64 waiting = library.addJob(library.ada, "Same title", "1", "pending");
    JobListModel model(library.layout());
    QVERIFY(!model.setUser(library.ada).isError());
    JobDelegate delegate;
    for (const auto mode : {JobDelegate::Mode::Cards, JobDelegate::Mode::Rows}) {
        delegate.setMode(mode);
        const QModelIndex runningIndex = model.indexOfJob(running);
        const QImage bar = paintRow(delegate, runningIndex);
        const QImage idle = paintRow(delegate, model.indexOfJob(waiting));
        const QRect area = delegate.statusRect(optionFor(delegate, runningIndex));
        QVERIFY(!area.isEmpty());
        // The 62% fill covers much of the bar; idle text alone would not.
        const int changed = differingPixels(bar, idle, area);
        QVERIFY2(changed > area.width() * area.height() / 4,
                 qPrintable(QStringLiteral("%1 of %2 pixels differ")
                                .arg(changed)
                                .arg(area.width() * area.height())));
        // Outside the status line both cards look the same.
        const QRect thumb(0, 0, bar.width(), area.top() - 30);
        if (mode == JobDelegate::Mode::Cards)
            QCOMPARE(differingPixels(bar, idle, thumb), 0);
    }
}

void TestLibrary::statusIsColouredByState_data() {
    QTest::addColumn<QString>("status");
    QTest::addColumn<int>("tone"); // Theme::Tone, or -1 for the accent of a running bar
    QTest::addColumn<bool>("dark");
    const QList<QPair<QString, int>> cases{
        {"completed", int(Theme::Tone::Positive)}, {"failed", int(Theme::Tone::Negative)},
        {"paused", int(Theme::Tone::Caution)},     {"pending", int(Theme::Tone::Neutral)},
        {"cancelled", int(Theme::Tone::Neutral)},  {"running", -1}};
    for (const bool dark : {false, true}) {
        for (const auto& [status, tone] : cases)
            QTest::addRow("%s %s", qPrintable(status), dark ? "dark" : "light")
                << status << tone << dark;
    }
}

// The status line says the state by colour as well as by words and icon, in both themes:
// done is green, failed red, paused (waiting for the user) amber, the running bar the accent.
void TestLibrary::statusIsColouredByState() {
    QFETCH(QString, status);
    QFETCH(int, tone);
    QFETCH(bool, dark);
    Library library;
    QVERIFY(library.open());
    const qint64 id = library.addJob(library.ada, "Coloured", "1", status);
    JobListModel model(library.layout());
    QVERIFY(!model.setUser(library.ada).isError());
    const QPalette palette = Theme::palette(dark ? Theme::Mode::Dark : Theme::Mode::Light);
    JobDelegate delegate;
    for (const auto mode : {JobDelegate::Mode::Cards, JobDelegate::Mode::Rows}) {
        delegate.setMode(mode);
        const QModelIndex index = model.indexOfJob(id);
        const QImage image = paintRow(delegate, index, palette);
        const QRect area = delegate.statusRect(optionFor(delegate, index, palette));
        if (tone < 0) {
            const int accent = pixelsNear(image, area, palette.color(QPalette::Highlight));
            QVERIFY2(accent > area.width() * area.height() / 3,
                     qPrintable(QString::number(accent)));
            continue;
        }
        const QColor expected = Theme::toneColor(Theme::Tone(tone), palette);
        QVERIFY2(pixelsNear(image, area, expected) >= 10, qPrintable(expected.name()));
        for (const auto other :
             {Theme::Tone::Positive, Theme::Tone::Negative, Theme::Tone::Caution}) {
            if (int(other) != tone)
                QCOMPARE(pixelsNear(image, area, Theme::toneColor(other, palette)), 0);
        }
    }
}

void TestLibrary::lengthIsMinutesAndSeconds_data() {
    QTest::addColumn<int>("seconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("none") << 0 << "0:00";
    QTest::newRow("under a minute") << 58 << "0:58";
    QTest::newRow("padded seconds") << 65 << "1:05";
    QTest::newRow("long") << 725 << "12:05";
    QTest::newRow("negative is nothing") << -3 << "0:00";
}

void TestLibrary::lengthIsMinutesAndSeconds() {
    QFETCH(int, seconds);
    QFETCH(QString, text);
    QCOMPARE(JobDelegate::durationText(seconds), text);
}

// Cards and rows are laid out on the 8 px grid: their size, the status line's place and height.
void TestLibrary::cardsSitOnTheGrid() {
    Library library;
    QVERIFY(library.open());
    library.addJob(library.ada, "Grid", "1", "completed");
    JobListModel model(library.layout());
    QVERIFY(!model.setUser(library.ada).isError());
    JobDelegate delegate;
    for (const auto mode : {JobDelegate::Mode::Cards, JobDelegate::Mode::Rows}) {
        delegate.setMode(mode);
        const QStyleOptionViewItem option = optionFor(delegate, model.index(0, 0));
        QCOMPARE(option.rect.width() % 8, 0);
        QCOMPARE(option.rect.height() % 8, 0);
        const QRect status = delegate.statusRect(option);
        QCOMPARE(status.height() % 8, 0);
        QCOMPARE(option.rect.right() + 1 - (status.right() + 1), 8);
        if (mode == JobDelegate::Mode::Cards)
            QCOMPARE(status.left(), 8);
    }
}

void TestLibrary::emptyStateOnlyWithoutJobs() {
    Library library;
    QVERIFY(library.open());
    JobListModel model(library.layout());
    QVERIFY(!model.setUser(library.ada).isError());
    LibraryView view(&model);
    QVERIFY(view.emptyState()->isVisibleTo(&view));
    QVERIFY(!view.listView()->isVisibleTo(&view));
    QSignalSpy newVideo(&view, &LibraryView::newVideoRequested);
    auto* button = view.emptyState()->findChild<QPushButton*>();
    QVERIFY(button);
    button->click();
    QCOMPARE(newVideo.count(), 1);

    library.addJob(library.ada, "First", "1", "pending");
    QVERIFY(!model.reload().isError());
    QVERIFY(!view.emptyState()->isVisibleTo(&view));
    QVERIFY(view.listView()->isVisibleTo(&view));

    // A filter that hides every row is not "no videos yet".
    view.searchField()->setText(QStringLiteral("nothing like this"));
    QCOMPARE(view.proxy()->rowCount(), 0);
    QVERIFY(!view.emptyState()->isVisibleTo(&view));
}

void TestLibrary::actionsFollowTheStatus_data() {
    QTest::addColumn<QString>("status");
    QTest::addColumn<bool>("play");
    QTest::addColumn<bool>("retry");
    QTest::addColumn<bool>("cancel");
    QTest::newRow("completed") << "completed" << true << false << false;
    QTest::newRow("failed") << "failed" << false << true << false;
    QTest::newRow("running") << "running" << false << false << true;
    QTest::newRow("pending") << "pending" << false << false << true;
    QTest::newRow("queued") << "queued" << false << false << true;
    QTest::newRow("paused") << "paused" << false << true << true;
    QTest::newRow("cancelled") << "cancelled" << false << true << false;
}

void TestLibrary::actionsFollowTheStatus() {
    QFETCH(QString, status);
    QFETCH(bool, play);
    QFETCH(bool, retry);
    QFETCH(bool, cancel);
    Library library;
    QVERIFY(library.open());
    const qint64 id = library.addJob(library.ada, "Job", "1", status);
    JobListModel model(library.layout());
    QVERIFY(!model.setUser(library.ada).isError());
    LibraryView view(&model);
    using A = LibraryView::Action;
    // Nothing selected: nothing to act on.
    for (const A which :
         {A::Play, A::Details, A::Export, A::ShowInFolder, A::Retry, A::Cancel, A::Delete})
        QVERIFY(!view.action(which)->isEnabled());

    QVERIFY(view.selectJob(id));
    QCOMPARE(view.currentJobId(), id);
    QCOMPARE(view.action(A::Play)->isEnabled(), play);
    QCOMPARE(view.action(A::Export)->isEnabled(), play);
    QCOMPARE(view.action(A::Retry)->isEnabled(), retry);
    QCOMPARE(view.action(A::Cancel)->isEnabled(), cancel);
    QVERIFY(view.action(A::Details)->isEnabled());
    QVERIFY(view.action(A::ShowInFolder)->isEnabled());
    QVERIFY(view.action(A::Delete)->isEnabled());
    // The queue's own actions, only for a job waiting in line.
    const bool queued = status == JobStatus::Queued;
    QCOMPARE(view.action(A::MoveToTop)->isEnabled(), queued);
    QCOMPARE(view.action(A::Pause)->isEnabled(), queued);
    QCOMPARE(view.action(A::MoveToTop)->isVisible(), queued);

    QSignalSpy retried(&view, &LibraryView::retryRequested);
    QSignalSpy cancelled(&view, &LibraryView::cancelRequested);
    QSignalSpy played(&view, &LibraryView::playRequested);
    view.action(A::Retry)->trigger();
    view.action(A::Cancel)->trigger();
    view.action(A::Play)->trigger();
    QCOMPARE(retried.count(), retry ? 1 : 0);
    QCOMPARE(cancelled.count(), cancel ? 1 : 0);
    QCOMPARE(played.count(), play ? 1 : 0);
    if (retry)
        QCOMPARE(retried.first().first().toLongLong(), id);
}

void TestLibrary::doubleClickPlaysOrShowsDetails() {
    Library library;
    QVERIFY(library.open());
    const qint64 failed = library.addJob(library.ada, "Failed", "1", "failed");
    const qint64 done = library.addJob(library.ada, "Done", "2", "completed");
    JobListModel model(library.layout());
    QVERIFY(!model.setUser(library.ada).isError());
    LibraryView view(&model);
    view.resize(900, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy played(&view, &LibraryView::playRequested);
    QSignalSpy details(&view, &LibraryView::detailsRequested);

    const auto doubleClick = [&view, &model](qint64 id) {
        const QModelIndex index = view.proxy()->mapFromSource(model.indexOfJob(id));
        const QPoint centre = view.listView()->visualRect(index).center();
        // A widget double-click event alone is not enough: the view only accepts
        // one on the index the preceding press went to.
        QTest::mouseClick(view.listView()->viewport(), Qt::LeftButton, {}, centre);
        QTest::mouseDClick(view.listView()->viewport(), Qt::LeftButton, {}, centre);
    };
    doubleClick(done);
    QCOMPARE(played.count(), 1);
    QCOMPARE(played.first().first().toLongLong(), done);
    QCOMPARE(details.count(), 0);
    doubleClick(failed);
    QCOMPARE(details.count(), 1);
    QCOMPARE(details.first().first().toLongLong(), failed);
    QCOMPARE(played.count(), 1);
}

void TestLibrary::deleteAsksFirst() {
    Library library;
    QVERIFY(library.open());
    const qint64 id = library.addJob(library.ada, "To delete", "1", "completed");
    JobListModel model(library.layout());
    QVERIFY(!model.setUser(library.ada).isError());
    LibraryView view(&model);
    QStringList asked;
    bool answer = false;
    view.setConfirmation([&](const QString& title) {
        asked << title;
        return answer;
    });
    QSignalSpy deleted(&view, &LibraryView::deleteRequested);
    QVERIFY(view.selectJob(id));
    view.action(LibraryView::Action::Delete)->trigger();
    QCOMPARE(asked, QStringList{"To delete"});
    QCOMPARE(deleted.count(), 0);

    answer = true;
    view.action(LibraryView::Action::Delete)->trigger();
    QCOMPARE(asked.size(), 2);
    QCOMPARE(deleted.count(), 1);
    QCOMPARE(deleted.first().first().toLongLong(), id);
}

void TestLibrary::defaultDeleteConfirmationMentionsFiles() {
    Library library;
    QVERIFY(library.open());
    const qint64 id = library.addJob(library.ada, "To keep", "1", "completed");
    JobListModel model(library.layout());
    QVERIFY(!model.setUser(library.ada).isError());
    LibraryView view(&model);
    view.show();
    QVERIFY(view.selectJob(id));
    QSignalSpy deleted(&view, &LibraryView::deleteRequested);
    QString text;
    // Answers the real dialog with Cancel once it is up.
    QTimer answer;
    answer.setInterval(20);
    connect(&answer, &QTimer::timeout, &view, [&] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box)
            return;
        text = box->text() + QLatin1Char('\n') + box->informativeText();
        box->button(QMessageBox::Cancel)->click();
        answer.stop();
    });
    answer.start();
    view.action(LibraryView::Action::Delete)->trigger();
    QVERIFY2(text.contains(QStringLiteral("To keep")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("removed")), qPrintable(text));
    QCOMPARE(deleted.count(), 0);
}

// Set HH_SCREENSHOT_DIR to get PNGs of the library in both modes for a look.
// With one video at a time, two more wait: their cards say their place in line,
// live from the runner's signals, and Move to top (the card's menu) reorders them.
void TestLibrary::queuedCardsShowTheirPlaceAndMoveToTop() {
    Library library;
    QVERIFY(library.open());
    RunnerSettings settings;
    settings.maxConcurrentJobs = 1;
    JobRunner runner(library.layout(), settings);
    JobListModel model(library.layout());
    model.setRunner(&runner);
    QVERIFY(!model.setUser(library.ada).isError());
    LibraryView view(&model);
    connect(&view, &LibraryView::moveToTopRequested, &runner,
            [&](qint64 job) { QVERIFY(!runner.moveToTop(library.ada, job).isError()); });
    connect(&view, &LibraryView::pauseRequested, &runner,
            [&](qint64 job) { QVERIFY(!runner.pause(library.ada, job).isError()); });
    view.resize(720, 520);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    JobOptions options;
    options.input = test::sourcePath(QStringLiteral("tests/data/tiny-paper.xml"));
    options.durationSeconds = 30;
    const qint64 first = runner.submit(library.ada, options).value();
    const qint64 second = runner.submit(library.ada, options).value();
    const qint64 third = runner.submit(library.ada, options).value();
    // The model learnt of the waiting jobs without a reload.
    QCOMPARE(model.rowCount(), 3);
    const auto place = [&model](qint64 job) {
        return model.indexOfJob(job).data(JobListModel::QueuePlaceRole).toInt();
    };
    QCOMPARE(place(first), 0);
    QCOMPARE(place(second), 1);
    QCOMPARE(place(third), 2);
    QCOMPARE(JobDelegate::queuePlaceText(place(third)), QStringLiteral("Queued · 2nd in line"));
    QCOMPARE(JobDelegate::queuePlaceText(place(second)), QStringLiteral("Queued · next in line"));
    // The card paints those words: its status differs from a card with another place.
    const QModelIndex thirdIndex = model.indexOfJob(third);
    const QRect status = view.delegate()->statusRect(optionFor(*view.delegate(), thirdIndex));
    QVERIFY(differingPixels(paintRow(*view.delegate(), thirdIndex),
                            paintRow(*view.delegate(), model.indexOfJob(second)), status) > 20);

    const QString shots = QStringLiteral("/tmp/queue-shots");
    QDir().mkpath(shots);
    QVERIFY(view.selectJob(third));
    view.listView()->viewport()->repaint();
    view.grab().save(QDir(shots).filePath(QStringLiteral("library-queue-before.png")));

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    view.action(LibraryView::Action::MoveToTop)->trigger();
    QCOMPARE(place(third), 1);
    QCOMPARE(place(second), 2);
    QVERIFY(!changed.isEmpty());
    view.listView()->viewport()->repaint();
    view.grab().save(QDir(shots).filePath(QStringLiteral("library-queue-after.png")));

    {
        // The same cards in German, to see that the words fit.
        Translations german;
        QVERIFY(german.install(QStringLiteral("de")));
        QCOMPARE(JobDelegate::queuePlaceText(2), QStringLiteral("Wartet · 2. in der Reihe"));
        LibraryView translated(&model);
        translated.resize(720, 520);
        translated.show();
        QVERIFY(QTest::qWaitForWindowExposed(&translated));
        translated.selectJob(third);
        translated.listView()->viewport()->repaint();
        translated.grab().save(QDir(shots).filePath(QStringLiteral("library-queue-de.png")));
    }

    // Pause takes it out of the line; the other moves up.
    view.action(LibraryView::Action::Pause)->trigger();
    QCOMPARE(model.indexOfJob(third).data(JobListModel::StatusRole).toString(),
             QString(JobStatus::Paused));
    QCOMPARE(place(second), 1);

    for (const qint64 job : {second, third, first})
        runner.cancel(library.ada, job);
    QVERIFY(runner.waitForDone(60000));
}

void TestLibrary::screenshots() {
    const QString folder = qEnvironmentVariable("HH_SCREENSHOT_DIR");
    if (folder.isEmpty())
        QSKIP("HH_SCREENSHOT_DIR not set");
    Library library;
    QVERIFY(library.open());
    const qint64 gut = library.addJob(library.ada, "Gut microbes shape mood in adolescent mice",
                                      "PMC7306534", "completed");
    library.writeThumbnail(library.ada, gut, QColor(30, 110, 160));
    library.addJob(library.ada, "CRISPR in crops: a decade of field trials", "paper.pdf",
                   "completed");
    library.addJob(library.ada, "Coral reef bleaching", "notes.docx", "failed");
    library.addJob(library.ada, "Ageing bones", "PMC1", "cancelled");
    library.addJob(library.ada, "Deep sea vents and the origin of life", "10.1038/x", "paused");
    library.addJob(library.ada, "Sleep and memory consolidation", "31452104", "running");
    library.addJob(library.ada, "Quantum dots", "PMC42", "pending");
    JobListModel model(library.layout());
    QVERIFY(!model.setUser(library.ada).isError());
    LibraryView view(&model);
    view.resize(960, 720);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.selectJob(gut);
    view.listView()->scrollToTop();
    // The painted card asks for its thumbnail, which arrives from the pool.
    QTRY_VERIFY(!model.index(model.indexOfJob(gut).row(), 0)
                     .data(JobListModel::ThumbnailRole)
                     .value<QPixmap>()
                     .isNull());
    view.listView()->viewport()->repaint();
    QVERIFY(view.grab().save(QDir(folder).filePath("hh-library-grid.png")));
    view.setGridMode(false);
    QVERIFY(view.grab().save(QDir(folder).filePath("hh-library-list.png")));
    LibraryView empty(new JobListModel(library.layout(), nullptr, &view));
    empty.resize(960, 480);
    empty.show();
    QVERIFY(QTest::qWaitForWindowExposed(&empty));
    QVERIFY(empty.grab().save(QDir(folder).filePath("hh-library-empty.png")));
}

QTEST_MAIN(TestLibrary)
void TestLibrary::waitingJobsSayWhatTheyWaitFor_data() {
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("detail");
    QTest::addColumn<QString>("shown");
    QTest::newRow("rate limit") << "en"
                                << "Waiting for Google Gemini: rate limit, retrying in 12 s"
                                << "Waiting for Google Gemini: rate limit, retrying in 12 s";
    QTest::newRow("rate limit, German") << "de"
                                        << "Waiting for Runway: rate limit, retrying in 3 s"
                                        << "Warten auf Runway: Anfragelimit, neuer Versuch in 3 s";
    QTest::newRow("busy, German") << "de"
                                  << "Waiting for Google Gemini: the service is busy, "
                                     "retrying in 1 s"
                                  << "Warten auf Google Gemini: der Dienst ist ausgelastet, neuer "
                                     "Versuch in 1 s";
    QTest::newRow("slot") << "en"
                          << "waiting for a free slot"
                          << "Waiting for a free slot";
    QTest::newRow("Runway's queue") << "en"
                                    << "queued at Runway"
                                    << "Queued at Runway";
    QTest::newRow("a step under way") << "en"
                                      << "scene 2/5"
                                      << "";
}

void TestLibrary::waitingJobsSayWhatTheyWaitFor() {
    QFETCH(QString, language);
    QFETCH(QString, detail);
    QFETCH(QString, shown);
    Translations translations;
    QVERIFY(translations.install(language));
    QCOMPARE(WaitingText::forDetail(detail), shown);
}

#include "tst_library.moc"
