#include "models/record.h"

QString Record::displayTitle() const
{
    if (!title.isEmpty())
        return title;
    return key.type + u' ' + key.id;
}
