// SPDX-License-Identifier: GPL-3.0-or-later
#include "PasswordInput.h"

#include <cstdio>
#include <string>
#include <termios.h>
#include <unistd.h>

namespace hh::cli {

namespace {

// One line of stdin without its line end; nullopt at end of input before any character.
std::optional<QString> readLine() {
    std::string line;
    bool any = false;
    for (int c = std::getchar(); c != EOF; c = std::getchar()) {
        any = true;
        if (c == '\n')
            break;
        line.push_back(static_cast<char>(c));
    }
    if (!any)
        return std::nullopt;
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    QString password = QString::fromUtf8(line.data(), static_cast<qsizetype>(line.size()));
    // The bytes of the password do not outlive this call in this buffer.
    std::fill(line.begin(), line.end(), '\0');
    return password;
}

// Turns the terminal's echo off for its lifetime, and back to what it was after.
class EchoOff {
public:
    EchoOff() {
        if (tcgetattr(STDIN_FILENO, &m_saved) != 0)
            return;
        termios quiet = m_saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        quiet.c_lflag |= ECHONL; // the Enter still moves to the next line
        m_active = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
    ~EchoOff() {
        if (m_active)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &m_saved);
    }
    EchoOff(const EchoOff&) = delete;
    EchoOff& operator=(const EchoOff&) = delete;

private:
    termios m_saved{};
    bool m_active = false;
};

} // namespace

bool stdinIsTerminal() {
    return isatty(STDIN_FILENO) == 1;
}

std::optional<QString> readPassword(bool fromStdin, const QString& prompt) {
    if (fromStdin)
        return readLine();
    if (!stdinIsTerminal())
        return std::nullopt;
    // The prompt goes to stderr: stdout may be a pipe to a script or a JSON reader.
    std::fputs(qPrintable(prompt), stderr);
    std::fflush(stderr);
    const EchoOff echoOff;
    return readLine();
}

} // namespace hh::cli
