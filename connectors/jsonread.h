#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

/// Small readers of untrusted JSON shared by the vendors' mapping functions.
namespace JsonRead {

/// Numbers in JSON are doubles: integers are exact up to 2^53.
inline constexpr qint64 MaxExactInteger = qint64(1) << 53;

/// What a value is, for problem texts: "a string", "an array", "null", "missing", ...
QString typeName(const QJsonValue &value);
/// A JSON number that is a whole number in [1, max], or std::nullopt.
std::optional<qint64> positiveInteger(const QJsonValue &value, qint64 max = MaxExactInteger);

/// The deepest nesting of arrays and objects a vendor's answer may have. Their documents nest
/// a few levels; a deeper answer is refused before it is parsed (a hostile or broken server
/// must not cost deep recursion or memory).
inline constexpr int MaxDepth = 64;
/// How deeply `json` nests arrays and objects (brackets inside strings do not count); stops
/// counting past `limit`.
int nestingDepth(const QByteArray &json, int limit = MaxDepth);

/// `json` parsed as an object (or an array), or std::nullopt with *problem saying why not:
/// not JSON, nested deeper than MaxDepth, or the other kind of document.
std::optional<QJsonObject> parseObject(const QByteArray &json, QString *problem);
std::optional<QJsonArray> parseArray(const QByteArray &json, QString *problem);

} // namespace JsonRead
