#include "rest/filescontroller.h"

#include "config/serverconfig.h"
#include "files/filecontent.h"
#include "hub/hub.h"
#include "logging.h"
#include "protocol/ids.h"
#include "rest/routehelpers.h"

namespace collab::server {

namespace {

// Digits only, without overflow (at most 18 of them).
std::optional<qint64> digitsValue(QByteArrayView text)
{
    if (text.isEmpty() || text.size() > 18)
        return std::nullopt;
    qint64 n = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        n = n * 10 + (c - '0');
    }
    return n;
}

} // namespace

std::optional<ByteRange> byteRangeOf(const QByteArray &header, qint64 size)
{
    const QByteArray value = header.trimmed();
    if (!value.startsWith("bytes=") || value.contains(','))
        return std::nullopt;
    const QByteArrayView spec = QByteArrayView(value).sliced(6).trimmed();
    const qsizetype dash = spec.indexOf('-');
    if (dash < 0)
        return std::nullopt;
    const QByteArrayView from = spec.first(dash).trimmed();
    const QByteArrayView to = spec.sliced(dash + 1).trimmed();
    if (from.isEmpty()) { // bytes=-N: the last N bytes
        const std::optional<qint64> suffix = digitsValue(to);
        if (!suffix)
            return std::nullopt;
        if (*suffix == 0 || size == 0)
            return ByteRange{0, -1};
        const qint64 length = std::min(*suffix, size);
        return ByteRange{size - length, length};
    }
    const std::optional<qint64> first = digitsValue(from);
    const std::optional<qint64> last = to.isEmpty() ? std::optional<qint64>(std::max<qint64>(size - 1, 0)) : digitsValue(to);
    if (!first || !last || (!to.isEmpty() && *last < *first))
        return std::nullopt; // malformed: ignored (RFC 9110 14.2)
    if (*first >= size)
        return ByteRange{0, -1};
    return ByteRange{*first, std::min(*last, size - 1) - *first + 1};
}

FilesController::FilesController(Hub &hub, const RestAuth &auth)
    : m_hub(hub), m_auth(auth),
      m_uploads(hub.config().limits.fileUploadsPerMinute / 60.0, hub.config().limits.fileUploadBurst),
      m_memberRequests(hub.config().limits.restPerSecond, hub.config().limits.restBurst)
{
}

void FilesController::registerRoutes(RestRouter &router)
{
    router.add(HttpMethod::Post, QStringLiteral("/api/v1/courses/{course}/files"),
               [this](auto &a, auto &r, auto &reply) { upload(a, r, reply); });
    router.add(HttpMethod::Get, QStringLiteral("/api/v1/courses/{course}/files/{id}"),
               [this](auto &a, auto &r, auto &reply) { download(a, r, reply); });
}

void FilesController::withActor(const QString &course, const RestRequest &request, std::function<void(Result<Actor>)> next)
{
    const QByteArray header = request.value(QByteArrayLiteral("authorization"));
    if (header.startsWith("Basic ")) {
        const QByteArray decoded = QByteArray::fromBase64(header.mid(6).trimmed());
        const qsizetype colon = decoded.indexOf(':');
        if (colon <= 0)
            return next(ProtocolError::make(ErrorCode::NotAuthenticated, QStringLiteral("Basic credentials must be NAME:TOKEN")));
        if (!m_hub.course(course))
            return next(unknownCourseError(course));
        const QString user = QString::fromUtf8(decoded.first(colon));
        if (std::optional<ProtocolError> limited = m_memberRequests.admit(course + QChar(0x1f) + normalizedName(user)))
            return next(*limited);
        return m_hub.authenticateMember(user, course, QString::fromUtf8(decoded.mid(colon + 1)), request.http.peer, std::move(next));
    }
    Result<const ApiKeyConfig *> key = m_auth.keyForCourse(request, course);
    if (!key)
        return next(key.error());
    next(actorOfKey(*key.value()));
}

void FilesController::upload(const QStringList &args, const RestRequest &request, HttpReply &reply)
{
    const QString course = args[0];
    Result<QString> name = filecontent::nameFromHeader(request.value(QByteArrayLiteral("x-file-name")));
    const QByteArray bytes = request.body();
    withActor(course, request, [this, course, name, bytes, reply](Result<Actor> actor) mutable {
        if (!actor)
            return reply.error(actor.error());
        if (std::optional<ProtocolError> limited = m_uploads.admit(course + QChar(0x1f) + normalizedName(actor.value().user)))
            return reply.error(*limited);
        if (!name) // after authentication: who may not upload learns nothing from a name's check
            return reply.error(name.error());
        m_hub.files().upload(m_hub.effective(actor.value(), course), course, name.value(), bytes,
                             [course, reply](Result<FileRecord> r) mutable {
                                 if (!r)
                                     return reply.error(r.error());
                                 const FileRecord &f = r.value();
                                 reply.addHeader(QByteArrayLiteral("Location"),
                                                 QStringLiteral("/api/v1/courses/%1/files/%2").arg(course, f.id).toUtf8());
                                 reply.json(201, QJsonObject{{QStringLiteral("id"), f.id},
                                                             {QStringLiteral("sha256"), QString::fromLatin1(f.sha256)},
                                                             {QStringLiteral("size"), double(f.size)},
                                                             {QStringLiteral("type"), f.type},
                                                             {QStringLiteral("name"), f.name},
                                                             {QStringLiteral("seq"), double(f.seq)}});
                             });
    });
}

void FilesController::download(const QStringList &args, const RestRequest &request, HttpReply &reply)
{
    const QString course = args[0];
    const QString id = args[1];
    const QByteArray range = request.value(QByteArrayLiteral("range"));
    withActor(course, request, [this, course, id, range, reply](Result<Actor> actor) mutable {
        if (!actor)
            return reply.error(actor.error());
        const std::optional<FileRecord> f = m_hub.files().file(course, id);
        if (!f)
            return reply.error(ProtocolError::make(ErrorCode::NotFound, QStringLiteral("no file '%1' in %2").arg(id.left(64), course)));
        const FileStore store = m_hub.files().store();
        const std::optional<qint64> size = store.stat(course, f->sha256);
        if (!size) {
            qCWarning(lcRest) << "file" << f->id << "of" << course << "is missing from the file store at" << store.pathOf(course, f->sha256);
            ProtocolError e = ProtocolError::make(ErrorCode::Unavailable, QStringLiteral("the file store does not have file %1 now").arg(f->id));
            e.retryAfterMs = 1000;
            return reply.error(e);
        }
        const QByteArray type = f->type.toLatin1();
        const bool image = filecontent::isInlineImage(type);
        reply.addHeader(QByteArrayLiteral("Content-Disposition"), filecontent::contentDisposition(image, f->name));
        reply.addHeader(QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff"));
        reply.addHeader(QByteArrayLiteral("Content-Security-Policy"), QByteArrayLiteral("default-src 'none'; sandbox"));
        reply.addHeader(QByteArrayLiteral("Accept-Ranges"), QByteArrayLiteral("bytes"));
        reply.addHeader(QByteArrayLiteral("ETag"), '"' + f->sha256 + '"');
        reply.addHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("private, max-age=86400, immutable"));
        const std::optional<ByteRange> wanted = range.isEmpty() ? std::nullopt : byteRangeOf(range, *size);
        if (wanted && wanted->length < 0) {
            reply.addHeader(QByteArrayLiteral("Content-Range"), "bytes */" + QByteArray::number(*size));
            return reply.error(ProtocolError::make(ErrorCode::InvalidValue, QStringLiteral("the range is outside the file (%1 bytes)").arg(*size)),
                               416);
        }
        const ByteRange part = wanted.value_or(ByteRange{0, *size});
        if (wanted)
            reply.addHeader(QByteArrayLiteral("Content-Range"), "bytes " + QByteArray::number(part.first) + '-'
                                                                   + QByteArray::number(part.first + part.length - 1) + '/' + QByteArray::number(*size));
        const QString courseId = course;
        const QByteArray sha = f->sha256;
        // Read in the HTTP thread, which writes the answer: the hub thread never waits on the disk
        // (or the shared directory) for a download.
        reply.bytes(wanted ? 206 : 200, type, [store, courseId, sha, part] {
            std::optional<QByteArray> bytes = store.read(courseId, sha, part.first, part.length);
            if (!bytes || bytes->size() != part.length)
                qCWarning(lcRest) << "reading file" << sha << "of" << courseId << "failed";
            return bytes.value_or(QByteArray());
        });
    });
}

} // namespace collab::server
