#include "testzip.h"

#include <zip.h>

QHash<QString, QByteArray> unzipEntries(const QByteArray &bytes, QString *error)
{
    QHash<QString, QByteArray> out;
    zip_error_t e;
    zip_error_init(&e);
    zip_source_t *source = zip_source_buffer_create(bytes.constData(), zip_uint64_t(bytes.size()), 0, &e);
    zip_t *z = source ? zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &e) : nullptr;
    if (!z) {
        *error = QString::fromUtf8(zip_error_strerror(&e));
        if (source)
            zip_source_free(source);
        zip_error_fini(&e);
        return out;
    }
    for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); ++i) {
        zip_stat_t st;
        zip_stat_index(z, zip_uint64_t(i), 0, &st);
        QByteArray data(qsizetype(st.size), Qt::Uninitialized);
        zip_file_t *f = zip_fopen_index(z, zip_uint64_t(i), 0);
        const zip_int64_t n = f ? zip_fread(f, data.data(), st.size) : -1;
        if (f)
            zip_fclose(f);
        if (n != zip_int64_t(st.size))
            *error = QStringLiteral("cannot read %1").arg(QString::fromUtf8(st.name));
        out.insert(QString::fromUtf8(st.name), data);
    }
    zip_discard(z);
    zip_error_fini(&e);
    return out;
}
