// SPDX-License-Identifier: GPL-3.0-or-later
#include "AboutDialog.h"

#include "core/LibraryVersions.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QTextDocument>
#include <QUrl>
#include <QVBoxLayout>

namespace hh {

namespace {

struct Library {
    QString name;
    QString version; // empty: the library reports none at run time
    QString licence;
    QString purpose;
};

QList<Library> libraries() {
    const LibraryVersions v = libraryVersions();
    // Licences as Debian 12 ships these libraries; FFmpeg is built there with --enable-gpl
    // and x264, which makes the whole GPL rather than the LGPL of its sources.
    return {
        {QStringLiteral("Qt"), v.qt, QStringLiteral("LGPL-3.0-only"),
         AboutDialog::tr("windows, drawing, database")},
        {QStringLiteral("FFmpeg"), v.ffmpeg,
         AboutDialog::tr("LGPL-2.1-or-later; GPL-2.0-or-later as Debian builds it"),
         AboutDialog::tr("video and audio encoding")},
        {QStringLiteral("x264"),
         {},
         QStringLiteral("GPL-2.0-or-later"),
         AboutDialog::tr("H.264 video, through FFmpeg")},
        {QStringLiteral("Poppler"), v.poppler, QStringLiteral("GPL-2.0-only OR GPL-3.0-only"),
         AboutDialog::tr("reading PDF files")},
        {QStringLiteral("QuaZip"),
         {},
         AboutDialog::tr("LGPL-2.1-or-later, static linking exception"),
         AboutDialog::tr("reading Word files")},
        {QStringLiteral("espeak-ng"), v.espeak, QStringLiteral("GPL-3.0-or-later"),
         AboutDialog::tr("the built-in voice")},
        {QStringLiteral("libsodium"),
         {},
         QStringLiteral("ISC"),
         AboutDialog::tr("password hashing")},
        {QStringLiteral("QtKeychain"),
         {},
         QStringLiteral("BSD-3-Clause"),
         AboutDialog::tr("keeping provider keys in the system keychain")},
        {QStringLiteral("GStreamer"),
         {},
         QStringLiteral("LGPL-2.1-or-later"),
         AboutDialog::tr("playing videos")},
        {QStringLiteral("DejaVu fonts"),
         {},
         AboutDialog::tr("Bitstream Vera licence (free)"),
         AboutDialog::tr("the lettering in videos")},
    };
}

QString folderLink(const QString& path) {
    const QString native = QDir::toNativeSeparators(path);
    return QStringLiteral("<a href=\"%1\">%2</a>")
        .arg(QUrl::fromLocalFile(path).toString(QUrl::FullyEncoded).toHtmlEscaped(),
             native.toHtmlEscaped());
}

QString plain(const QLabel* label) {
    QTextDocument doc;
    doc.setHtml(label->text());
    return doc.toPlainText();
}

} // namespace

AboutDialog::AboutDialog(const QString& dataDir, const QString& logDir, QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("About Hidden Hill"));

    auto* icon = new QLabel(this);
    icon->setPixmap(QIcon(QStringLiteral(":/icons/hiddenhill.svg")).pixmap(72, 72));
    icon->setAlignment(Qt::AlignTop);
    auto* title = new QLabel(tr("<h2>Hidden Hill</h2>"), this);
    m_version = new QLabel(tr("Version %1").arg(QStringLiteral(HH_VERSION)), this);
    m_version->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* description = new QLabel(
        tr("Turns a scientific paper into a short narrated vertical video: a script made of "
           "the paper's own sentences, a voice, motion graphics with its figures and "
           "captions.<br>Free software under the GNU General Public License, version 3 or "
           "later."),
        this);
    description->setWordWrap(true);
    auto* heading = new QVBoxLayout;
    heading->addWidget(title);
    heading->addWidget(m_version);
    heading->addWidget(description);
    auto* top = new QHBoxLayout;
    top->addWidget(icon);
    top->addLayout(heading, 1);

    QString rows;
    for (const Library& lib : libraries()) {
        rows += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td><td>%3</td><td>%4</td></tr>")
                    .arg(lib.name.toHtmlEscaped(), lib.version.toHtmlEscaped(),
                         lib.licence.toHtmlEscaped(), lib.purpose.toHtmlEscaped());
    }
    m_libraries = new QLabel(
        QStringLiteral("<table cellspacing=\"0\" cellpadding=\"3\"><tr><th align=\"left\">%1</th>"
                       "<th align=\"left\">%2</th><th align=\"left\">%3</th>"
                       "<th align=\"left\">%4</th></tr>%5</table>")
            .arg(tr("Library"), tr("Version"), tr("Licence"), tr("Used for"), rows),
        this);
    m_libraries->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_folders = new QLabel(
        tr("Videos and accounts: %1<br>Logs: %2").arg(folderLink(dataDir), folderLink(logDir)),
        this);
    // Opening a folder hands it to the desktop's file manager.
    m_folders->setOpenExternalLinks(true);
    m_folders->setTextInteractionFlags(Qt::TextBrowserInteraction);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addSpacing(8);
    layout->addWidget(new QLabel(tr("<b>Built with</b>"), this));
    layout->addWidget(m_libraries);
    layout->addSpacing(8);
    layout->addWidget(new QLabel(tr("<b>Your files</b>"), this));
    layout->addWidget(m_folders);
    layout->addWidget(buttons);
}

QString AboutDialog::versionText() const {
    return m_version->text();
}

QString AboutDialog::librariesText() const {
    return plain(m_libraries);
}

QString AboutDialog::foldersText() const {
    return plain(m_folders);
}

} // namespace hh
