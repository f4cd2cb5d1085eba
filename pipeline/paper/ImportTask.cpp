// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImportTask.h"

namespace hh {

ImportTask::ImportTask(QString path, ImportOptions options)
    : m_path(std::move(path))
    , m_options(std::move(options)) {
    qRegisterMetaType<hh::Paper>();
    qRegisterMetaType<hh::Error>();
    // The pool deletes the runnable; the QObject part must then go too, which
    // autoDelete does since both are the same object.
    setAutoDelete(true);
}

void ImportTask::run() {
    auto result = importPaperFile(m_path, m_options);
    if (result)
        Q_EMIT succeeded(m_path, result.value());
    else
        Q_EMIT failed(m_path, result.error());
}

} // namespace hh
