/* todoke-bytes-stream.c: a read-only GMimeStream over GBytes
 *
 * GMime's memory stream copies its buffer; a message read from a file is
 * already in memory, and GMime's parser keeps substreams of its source for
 * every part. This stream lets it read the caller's bytes in place.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include "todoke-bytes-stream-private.h"

struct _TodokeBytesStream
{
  GMimeStream  parent_instance;

  GBytes      *bytes;   /* owned */
  const char  *data;    /* borrowed from bytes */
  gint64       size;
};

G_DEFINE_FINAL_TYPE (TodokeBytesStream, _todoke_bytes_stream, GMIME_TYPE_STREAM)

static gint64
bound_end (GMimeStream *stream)
{
  TodokeBytesStream *self = TODOKE_BYTES_STREAM (stream);

  return stream->bound_end != -1 ? stream->bound_end : self->size;
}

static ssize_t
stream_read (GMimeStream *stream,
             char        *buf,
             size_t       len)
{
  TodokeBytesStream *self = TODOKE_BYTES_STREAM (stream);
  gint64 available = bound_end (stream) - stream->position;
  ssize_t n;

  if (stream->position < stream->bound_start || available < 0)
    {
      errno = EINVAL;
      return -1;
    }
  n = (ssize_t) MIN ((gint64) len, available);
  if (n > 0)
    {
      memcpy (buf, self->data + stream->position, n);
      stream->position += n;
    }

  return n;
}

static ssize_t
stream_write (GMimeStream *stream,
              const char  *buf,
              size_t       len)
{
  errno = EBADF;
  return -1;
}

static int
stream_flush (GMimeStream *stream)
{
  return 0;
}

static int
stream_close (GMimeStream *stream)
{
  return 0;
}

static gboolean
stream_eos (GMimeStream *stream)
{
  return stream->position >= bound_end (stream);
}

static int
stream_reset (GMimeStream *stream)
{
  stream->position = stream->bound_start;
  return 0;
}

static gint64
stream_seek (GMimeStream     *stream,
             gint64           offset,
             GMimeSeekWhence  whence)
{
  gint64 end = bound_end (stream);
  gint64 real;

  switch (whence)
    {
    case GMIME_STREAM_SEEK_SET: real = offset; break;
    case GMIME_STREAM_SEEK_CUR: real = stream->position + offset; break;
    case GMIME_STREAM_SEEK_END: real = end + offset; break;
    default:
      errno = EINVAL;
      return -1;
    }
  if (real < stream->bound_start || real > end)
    {
      errno = EINVAL;
      return -1;
    }
  stream->position = real;

  return real;
}

static gint64
stream_tell (GMimeStream *stream)
{
  return stream->position;
}

static gint64
stream_length (GMimeStream *stream)
{
  return bound_end (stream) - stream->bound_start;
}

static GMimeStream *
stream_substream (GMimeStream *stream,
                  gint64       start,
                  gint64       end)
{
  TodokeBytesStream *self = TODOKE_BYTES_STREAM (stream);

  return _todoke_bytes_stream_new (self->bytes, start, end);
}

static void
todoke_bytes_stream_finalize (GObject *object)
{
  TodokeBytesStream *self = TODOKE_BYTES_STREAM (object);

  g_clear_pointer (&self->bytes, g_bytes_unref);

  G_OBJECT_CLASS (_todoke_bytes_stream_parent_class)->finalize (object);
}

static void
_todoke_bytes_stream_class_init (TodokeBytesStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GMimeStreamClass *stream_class = GMIME_STREAM_CLASS (klass);

  object_class->finalize = todoke_bytes_stream_finalize;
  stream_class->read = stream_read;
  stream_class->write = stream_write;
  stream_class->flush = stream_flush;
  stream_class->close = stream_close;
  stream_class->eos = stream_eos;
  stream_class->reset = stream_reset;
  stream_class->seek = stream_seek;
  stream_class->tell = stream_tell;
  stream_class->length = stream_length;
  stream_class->substream = stream_substream;
}

static void
_todoke_bytes_stream_init (TodokeBytesStream *self)
{
}

/* A stream over @bytes from @start to @end (-1: to the end); keeps a
 * reference on @bytes, never copies them. */
GMimeStream *
_todoke_bytes_stream_new (GBytes *bytes,
                          gint64  start,
                          gint64  end)
{
  TodokeBytesStream *self = g_object_new (TODOKE_TYPE_BYTES_STREAM, NULL);
  gsize size = 0;

  self->bytes = g_bytes_ref (bytes);
  self->data = g_bytes_get_data (bytes, &size);
  self->size = size;
  g_mime_stream_construct (GMIME_STREAM (self), start, end);

  return GMIME_STREAM (self);
}

/* The bytes a stream of this class stands for, without reading them:
 * what GMime's parser keeps of each part when it reads from this class.
 * NULL for any other stream. */
const char *
_todoke_bytes_stream_peek (GMimeStream *stream,
                           gsize       *length)
{
  TodokeBytesStream *self;

  if (!TODOKE_IS_BYTES_STREAM (stream))
    return NULL;
  self = TODOKE_BYTES_STREAM (stream);
  *length = bound_end (stream) - stream->bound_start;

  return self->data + stream->bound_start;
}
