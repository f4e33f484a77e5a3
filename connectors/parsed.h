#pragma once

#include <QString>

#include <utility>

/// The outcome of a pure mapping function over untrusted server data: the value, or why the
/// data was refused. `problem` is technical (it goes into ConnectorError::details), never shown
/// as the message itself.
template<typename T>
struct Parsed
{
    T value{};
    QString problem;

    bool ok() const { return problem.isEmpty(); }
    static Parsed failure(QString why) { return Parsed{T{}, std::move(why)}; }
};
