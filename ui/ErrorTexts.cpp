// SPDX-License-Identifier: GPL-3.0-or-later
#include "ErrorTexts.h"

namespace hh {

namespace {

struct Entry {
    ErrorType type;
    const char* shortReason;
    const char* title;
    const char* advice;
};

// QT_TRANSLATE_NOOP marks the texts for lupdate under ErrorTexts' context; they
// are translated when read, so a language installed later is honoured.
const Entry kEntries[] = {
    {ErrorType::BadPdf, QT_TRANSLATE_NOOP("ErrorTexts", "unreadable PDF"),
     QT_TRANSLATE_NOOP("ErrorTexts", "The PDF cannot be read"),
     QT_TRANSLATE_NOOP("ErrorTexts", "The file is damaged; download the paper again.")},
    {ErrorType::Encrypted, QT_TRANSLATE_NOOP("ErrorTexts", "needs a password"),
     QT_TRANSLATE_NOOP("ErrorTexts", "The PDF is locked with a password"),
     QT_TRANSLATE_NOOP("ErrorTexts", "Open the paper again and enter its password.")},
    {ErrorType::NoText, QT_TRANSLATE_NOOP("ErrorTexts", "no text layer – OCR?"),
     QT_TRANSLATE_NOOP("ErrorTexts", "The PDF has no text"),
     QT_TRANSLATE_NOOP("ErrorTexts", "This PDF is a scan without a text layer; use the "
                                     "publisher's PDF or its JATS XML.")},
    {ErrorType::BadXml, QT_TRANSLATE_NOOP("ErrorTexts", "unreadable XML"),
     QT_TRANSLATE_NOOP("ErrorTexts", "The XML file cannot be read"),
     QT_TRANSLATE_NOOP("ErrorTexts", "The file is damaged; download the paper again.")},
    {ErrorType::Unsupported, QT_TRANSLATE_NOOP("ErrorTexts", "unsupported file"),
     QT_TRANSLATE_NOOP("ErrorTexts", "This kind of file is not supported"),
     QT_TRANSLATE_NOOP("ErrorTexts", "Use the paper's PDF, DOCX or JATS XML file.")},
    {ErrorType::TooLarge, QT_TRANSLATE_NOOP("ErrorTexts", "paper too large"),
     QT_TRANSLATE_NOOP("ErrorTexts", "The paper is too large"),
     QT_TRANSLATE_NOOP("ErrorTexts", "Use the paper's PDF, DOCX or JATS XML file without "
                                     "supplements.")},
    {ErrorType::NotInPmc, QT_TRANSLATE_NOOP("ErrorTexts", "abstract only: not in PMC"),
     QT_TRANSLATE_NOOP("ErrorTexts", "Only the abstract is free to read"),
     QT_TRANSLATE_NOOP("ErrorTexts", "PubMed Central has no full text of this paper; open its "
                                     "PDF instead.")},
    {ErrorType::NotFound, QT_TRANSLATE_NOOP("ErrorTexts", "paper not found"),
     QT_TRANSLATE_NOOP("ErrorTexts", "The paper was not found"),
     QT_TRANSLATE_NOOP("ErrorTexts", "Check the ID or the file's place, then try again.")},
    {ErrorType::Auth, QT_TRANSLATE_NOOP("ErrorTexts", "sign-in refused"),
     QT_TRANSLATE_NOOP("ErrorTexts", "The provider refused the key"),
     QT_TRANSLATE_NOOP("ErrorTexts", "Check the provider's key in Settings → Providers.")},
    {ErrorType::Quota, QT_TRANSLATE_NOOP("ErrorTexts", "quota used up"),
     QT_TRANSLATE_NOOP("ErrorTexts", "A spending limit or quota is used up"),
     QT_TRANSLATE_NOOP("ErrorTexts", "See this month's use under Your account; raise the limit "
                                     "in Settings → Providers or wait for the next month.")},
    {ErrorType::RateLimited, QT_TRANSLATE_NOOP("ErrorTexts", "too many requests"),
     QT_TRANSLATE_NOOP("ErrorTexts", "The provider asked to slow down"),
     QT_TRANSLATE_NOOP("ErrorTexts", "A service had a temporary problem; choose Retry in a "
                                     "moment.")},
    {ErrorType::Network, QT_TRANSLATE_NOOP("ErrorTexts", "network problem"),
     QT_TRANSLATE_NOOP("ErrorTexts", "The network failed"),
     QT_TRANSLATE_NOOP("ErrorTexts", "Check the internet connection, then choose Retry.")},
    {ErrorType::Provider, QT_TRANSLATE_NOOP("ErrorTexts", "provider error"),
     QT_TRANSLATE_NOOP("ErrorTexts", "The provider had a problem"),
     QT_TRANSLATE_NOOP("ErrorTexts", "A service had a temporary problem; choose Retry in a "
                                     "moment.")},
    {ErrorType::ContentBlocked, QT_TRANSLATE_NOOP("ErrorTexts", "content blocked"),
     QT_TRANSLATE_NOOP("ErrorTexts", "The provider blocked the content"),
     QT_TRANSLATE_NOOP("ErrorTexts", "Edit the script or choose the built-in provider for this "
                                     "step.")},
    {ErrorType::DiskFull, QT_TRANSLATE_NOOP("ErrorTexts", "disk full"),
     QT_TRANSLATE_NOOP("ErrorTexts", "The disk is full"),
     QT_TRANSLATE_NOOP("ErrorTexts", "Free some disk space or choose another data folder, then "
                                     "choose Retry.")},
    {ErrorType::Io, QT_TRANSLATE_NOOP("ErrorTexts", "file error"),
     QT_TRANSLATE_NOOP("ErrorTexts", "A file could not be read or written"),
     QT_TRANSLATE_NOOP("ErrorTexts", "Check that the data folder can be written to, then choose "
                                     "Retry.")},
    {ErrorType::Cancelled, QT_TRANSLATE_NOOP("ErrorTexts", "cancelled"),
     QT_TRANSLATE_NOOP("ErrorTexts", "Cancelled"),
     QT_TRANSLATE_NOOP("ErrorTexts", "Choose Retry to continue where it stopped.")},
    {ErrorType::Busy, QT_TRANSLATE_NOOP("ErrorTexts", "being made elsewhere"),
     QT_TRANSLATE_NOOP("ErrorTexts", "Another program is making this video"),
     QT_TRANSLATE_NOOP("ErrorTexts", "Wait until the other program has finished it.")},
    {ErrorType::Internal, QT_TRANSLATE_NOOP("ErrorTexts", "failed"),
     QT_TRANSLATE_NOOP("ErrorTexts", "Something went wrong"),
     QT_TRANSLATE_NOOP("ErrorTexts", "Choose Retry; if it fails again, the log says where.")},
};

const Entry& entryFor(ErrorType type) {
    for (const Entry& entry : kEntries) {
        if (entry.type == type)
            return entry;
    }
    return kEntries[std::size(kEntries) - 1]; // Internal
}

} // namespace

QString ErrorTexts::shortReason(ErrorType type) {
    return tr(entryFor(type).shortReason);
}

QString ErrorTexts::title(ErrorType type) {
    return tr(entryFor(type).title);
}

QString ErrorTexts::advice(ErrorType type) {
    return tr(entryFor(type).advice);
}

QList<ErrorType> ErrorTexts::all() {
    QList<ErrorType> types;
    for (const Entry& entry : kEntries)
        types << entry.type;
    return types;
}

} // namespace hh
