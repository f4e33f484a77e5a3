#include "connectors/jsonread.h"

#include <QJsonDocument>

#include <cmath>

using namespace Qt::StringLiterals;

QString JsonRead::typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return u"a boolean"_s;
    case QJsonValue::Double:
        return u"a number"_s;
    case QJsonValue::String:
        return u"a string"_s;
    case QJsonValue::Array:
        return u"an array"_s;
    case QJsonValue::Object:
        return u"an object"_s;
    case QJsonValue::Undefined:
        break;
    }
    return u"missing"_s;
}

std::optional<qint64> JsonRead::positiveInteger(const QJsonValue &value, qint64 max)
{
    if (!value.isDouble())
        return std::nullopt;
    const double d = value.toDouble();
    if (!(d >= 1 && d <= double(max)) || std::trunc(d) != d)
        return std::nullopt;
    return qint64(d);
}

int JsonRead::nestingDepth(const QByteArray &json, int limit)
{
    int depth = 0;
    int deepest = 0;
    bool inString = false;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json.at(i);
        if (inString) {
            if (c == '\\')
                ++i; // the escaped character cannot end the string
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            break;
        case '[':
        case '{':
            deepest = qMax(deepest, ++depth);
            if (deepest > limit)
                return deepest;
            break;
        case ']':
        case '}':
            --depth;
            break;
        default:
            break;
        }
    }
    return deepest;
}

namespace {

std::optional<QJsonDocument> parse(const QByteArray &json, bool object, QString *problem)
{
    if (JsonRead::nestingDepth(json) > JsonRead::MaxDepth) {
        *problem = u"The answer nests arrays and objects more than %1 levels deep."_s.arg(
            JsonRead::MaxDepth);
        return std::nullopt;
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        *problem = u"The answer is not JSON: %1 at offset %2."_s.arg(error.errorString())
                       .arg(error.offset);
        return std::nullopt;
    }
    if (object ? !doc.isObject() : !doc.isArray()) {
        *problem = u"Expected a JSON %1, got %2."_s.arg(object ? u"object"_s : u"array"_s,
                                                        doc.isArray()        ? u"an array"_s
                                                            : doc.isObject() ? u"an object"_s
                                                                             : u"a scalar"_s);
        return std::nullopt;
    }
    return doc;
}

} // namespace

std::optional<QJsonObject> JsonRead::parseObject(const QByteArray &json, QString *problem)
{
    const auto doc = parse(json, true, problem);
    return doc ? std::optional(doc->object()) : std::nullopt;
}

std::optional<QJsonArray> JsonRead::parseArray(const QByteArray &json, QString *problem)
{
    const auto doc = parse(json, false, problem);
    return doc ? std::optional(doc->array()) : std::nullopt;
}
