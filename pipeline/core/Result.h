// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ErrorType.h"

#include <optional>
#include <utility>

namespace hh {

// A value or a typed error. Small stand-in for std::expected (C++23), which the
// project's compiler baseline (g++ 12, C++20) does not offer.
template <typename T> class Result {
public:
    Result(T value)
        : m_value(std::move(value)) {}
    Result(Error error)
        : m_error(std::move(error)) {}
    static Result failure(ErrorType type, QString message) {
        return Result(Error{type, std::move(message)});
    }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T& value() const& { return *m_value; }
    T& value() & { return *m_value; }
    T&& value() && { return std::move(*m_value); }
    const T* operator->() const { return &*m_value; }
    const Error& error() const { return m_error; }

private:
    std::optional<T> m_value;
    Error m_error;
};

} // namespace hh
