#pragma once

#include <QMetaType>
#include <QString>

/// The outcome of an operation that can fail for reasons a person must be told about.
/// `message` is one translated sentence saying what went wrong and what to do next;
/// `details` holds the technical part (paths, SQL or HTTP errors) shown on demand.
class Result
{
public:
    Result() = default;
    static Result success() { return {}; }
    static Result failure(QString message, QString details = {})
    {
        Result r;
        r.m_ok = false;
        r.m_message = std::move(message);
        r.m_details = std::move(details);
        return r;
    }

    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const QString &message() const { return m_message; }
    const QString &details() const { return m_details; }

private:
    bool m_ok = true;
    QString m_message;
    QString m_details;
};

Q_DECLARE_METATYPE(Result)
