// Result<T>: the outcome of an operation that can fail with a message a user can act on.
// The core never throws across the Qt event loop; it returns one of these instead.
#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace daftar {

// Why an operation failed. `message` is already translated for the user;
// `kind` lets callers (and daftar-cli exit codes) tell refusals from faults.
struct Error
{
    enum class Kind {
        Invalid, // the input is wrong: fix it and try again
        Refused, // the acting user may not do this
        NotFound, // the thing asked for does not exist
        Conflict, // it already exists or changed meanwhile
        Locked, // try again later (e.g. account locked)
        Storage, // the database failed
        Incompatible, // e.g. a database made by a newer Daftar
        Unavailable, // a remote site did not answer or failed: a later attempt may succeed
    };
    Kind kind = Kind::Invalid;
    QString message;
};

inline Error makeError(Error::Kind kind, QString message)
{
    return Error {kind, std::move(message)};
}

template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_value(std::move(value))
    { }
    Result(Error error)
        : m_value(std::move(error))
    { }

    bool ok() const { return std::holds_alternative<T>(m_value); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_value); }
    T &value() & { return std::get<T>(m_value); }
    T &&value() && { return std::get<T>(std::move(m_value)); }
    const T &operator*() const & { return value(); }
    T &operator*() & { return value(); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }

    const Error &error() const { return std::get<Error>(m_value); }
    QString errorMessage() const { return ok() ? QString() : error().message; }

private:
    std::variant<T, Error> m_value;
};

// For operations that return nothing on success.
struct Done
{ };

using Status = Result<Done>;

inline Status success()
{
    return Done {};
}

} // namespace daftar
