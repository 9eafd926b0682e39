/* todoke-dns-resolver.c: a GResolver that asks one DNS server directly
 *
 * `todoke diagnose --dns-server` and the tests (a DNS server on
 * 127.0.0.1 answering from a test zone) use it instead of the system's
 * resolver. It speaks plain DNS (RFC 1035) over UDP with an EDNS0 buffer
 * of 4096 bytes (RFC 6891), retries over TCP when the answer is truncated,
 * and understands the records the checks need: A, AAAA, MX, TXT and NS.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-dns-resolver-private.h"

#define DNS_TYPE_A     1
#define DNS_TYPE_NS    2
#define DNS_TYPE_MX    15
#define DNS_TYPE_TXT   16
#define DNS_TYPE_AAAA  28
#define DNS_TYPE_OPT   41
#define DNS_HEADER     12
#define MAX_MESSAGE    65535
#define MAX_NAME       255

struct _TodokeDnsResolver
{
  GResolver       parent_instance;

  GSocketAddress *server;      /* owned */
  guint           timeout_s;
};

G_DEFINE_FINAL_TYPE (TodokeDnsResolver, todoke_dns_resolver, G_TYPE_RESOLVER)

/* A received message and a read position in it. */
typedef struct
{
  const guint8 *data;
  gsize         length;
  gsize         pos;
} DnsReader;

static GBytes *
build_query (const char *name,
             guint16     type,
             guint16     id)
{
  GByteArray *query = g_byte_array_new ();
  const guint8 header[DNS_HEADER] = { id >> 8, id & 0xff, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 1 };
  const guint8 opt[11] = { 0, 0, DNS_TYPE_OPT, 0x10, 0x00, 0, 0, 0, 0, 0, 0 };
  guint8 tail[4] = { type >> 8, type & 0xff, 0, 1 };
  g_auto(GStrv) labels = g_strsplit (name, ".", -1);
  guint i;

  g_byte_array_append (query, header, sizeof header);
  for (i = 0; labels[i] != NULL; i++)
    {
      guint8 length = strlen (labels[i]);

      if (length == 0)
        continue;
      g_byte_array_append (query, &length, 1);
      g_byte_array_append (query, (const guint8 *) labels[i], length);
    }
  g_byte_array_append (query, (const guint8 *) "", 1);
  g_byte_array_append (query, tail, sizeof tail);
  g_byte_array_append (query, opt, sizeof opt);

  return g_byte_array_free_to_bytes (query);
}

static gboolean
read_u16 (DnsReader *reader,
          guint16   *value)
{
  if (reader->pos + 2 > reader->length)
    return FALSE;
  *value = (reader->data[reader->pos] << 8) | reader->data[reader->pos + 1];
  reader->pos += 2;
  return TRUE;
}

/* A possibly compressed name (RFC 1035 §4.1.4), as dotted text; jumps
 * are bounded so a malicious loop ends. */
static gboolean
read_name (DnsReader *reader,
           GString   *name)
{
  gsize pos = reader->pos;
  gboolean jumped = FALSE;
  guint jumps = 0;

  g_string_truncate (name, 0);
  while (pos < reader->length)
    {
      guint8 length = reader->data[pos];

      if (length == 0)
        {
          if (!jumped)
            reader->pos = pos + 1;
          return TRUE;
        }
      if ((length & 0xc0) == 0xc0)
        {
          if (pos + 1 >= reader->length || ++jumps > 64)
            return FALSE;
          if (!jumped)
            reader->pos = pos + 2;
          jumped = TRUE;
          pos = ((length & 0x3f) << 8) | reader->data[pos + 1];
          continue;
        }
      if (pos + 1 + length > reader->length || name->len + length + 1 > MAX_NAME)
        return FALSE;
      if (name->len > 0)
        g_string_append_c (name, '.');
      g_string_append_len (name, (const char *) reader->data + pos + 1, length);
      pos += 1 + length;
    }

  return FALSE;
}

static GVariant *
parse_txt (const guint8 *rdata,
           gsize         length)
{
  GVariantBuilder strings;
  gsize pos = 0;

  g_variant_builder_init (&strings, G_VARIANT_TYPE ("as"));
  while (pos < length)
    {
      guint8 n = rdata[pos];
      g_autofree char *text = NULL;

      if (pos + 1 + n > length)
        break;
      text = g_utf8_make_valid ((const char *) rdata + pos + 1, n);
      g_variant_builder_add (&strings, "s", text);
      pos += 1 + n;
    }

  return g_variant_new ("(as)", &strings);
}

/* One answer record of @type as a GVariant (MX, TXT) or a GInetAddress
 * (A, AAAA); NULL for records of other types. */
static gpointer
parse_record (DnsReader *reader,
              guint16    type,
              guint16    rtype,
              guint16    rdlength)
{
  const guint8 *rdata = reader->data + reader->pos;

  if (rtype != type)
    return NULL;
  switch (rtype)
    {
    case DNS_TYPE_A:
      return rdlength == 4 ? g_inet_address_new_from_bytes (rdata, G_SOCKET_FAMILY_IPV4) : NULL;
    case DNS_TYPE_AAAA:
      return rdlength == 16 ? g_inet_address_new_from_bytes (rdata, G_SOCKET_FAMILY_IPV6) : NULL;
    case DNS_TYPE_TXT:
      return g_variant_ref_sink (parse_txt (rdata, rdlength));
    case DNS_TYPE_NS:
      {
        DnsReader sub = { reader->data, reader->pos + rdlength, reader->pos };
        g_autoptr(GString) host = g_string_new (NULL);

        if (!read_name (&sub, host))
          return NULL;
        return g_variant_ref_sink (g_variant_new ("(s)", host->str));
      }
    case DNS_TYPE_MX:
      {
        DnsReader sub = { reader->data, reader->pos + rdlength, reader->pos };
        g_autoptr(GString) exchange = g_string_new (NULL);
        guint16 preference;

        if (!read_u16 (&sub, &preference) || !read_name (&sub, exchange))
          return NULL;
        return g_variant_ref_sink (g_variant_new ("(qs)", preference, exchange->str));
      }
    default:
      return NULL;
    }
}

static void
free_item (gpointer item)
{
  if (G_IS_OBJECT (item))
    g_object_unref (item);
  else
    g_variant_unref (item);
}

static gboolean
skip_questions (DnsReader *reader,
                guint16    count,
                GString   *scratch)
{
  guint16 ignored;

  for (; count > 0; count--)
    if (!read_name (reader, scratch) || !read_u16 (reader, &ignored) || !read_u16 (reader, &ignored))
      return FALSE;

  return TRUE;
}

static gboolean
parse_answers (DnsReader  *reader,
               guint16     count,
               guint16     type,
               GList     **items)
{
  g_autoptr(GString) scratch = g_string_new (NULL);

  for (; count > 0; count--)
    {
      guint16 rtype, rclass, ttl_high, ttl_low, rdlength;
      gpointer item;

      if (!read_name (reader, scratch) || !read_u16 (reader, &rtype) ||
          !read_u16 (reader, &rclass) || !read_u16 (reader, &ttl_high) ||
          !read_u16 (reader, &ttl_low) || !read_u16 (reader, &rdlength) ||
          reader->pos + rdlength > reader->length)
        return FALSE;
      item = parse_record (reader, type, rtype, rdlength);
      if (item != NULL)
        *items = g_list_append (*items, item);
      reader->pos += rdlength;
    }

  return TRUE;
}

/* The answer's records of @type; NULL with @error set for "no such name"
 * or "no such record" (G_RESOLVER_ERROR_NOT_FOUND) and failures. */
static GList *
parse_response (GBytes      *response,
                const char  *name,
                guint16      type,
                guint16      id,
                GError     **error)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (response, &length);
  DnsReader reader = { data, length, DNS_HEADER };
  g_autoptr(GString) scratch = g_string_new (NULL);
  GList *items = NULL;
  guint16 qdcount, ancount;
  guint rcode;

  if (length < DNS_HEADER || ((data[0] << 8) | data[1]) != id || (data[2] & 0x80) == 0)
    {
      g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_INTERNAL, "bad DNS answer for %s", name);
      return NULL;
    }
  rcode = data[3] & 0x0f;
  qdcount = (data[4] << 8) | data[5];
  ancount = (data[6] << 8) | data[7];
  if (rcode == 3 || (rcode == 0 && ancount == 0))
    {
      g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "no DNS record of the requested type for %s", name);
      return NULL;
    }
  if (rcode != 0)
    {
      g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_TEMPORARY_FAILURE, "DNS server failed for %s (rcode %u)", name, rcode);
      return NULL;
    }
  if (!skip_questions (&reader, qdcount, scratch) || !parse_answers (&reader, ancount, type, &items))
    {
      g_list_free_full (items, free_item);
      g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_INTERNAL, "malformed DNS answer for %s", name);
      return NULL;
    }
  if (items == NULL)
    g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "no DNS record of the requested type for %s", name);

  return items;
}

static GBytes *
exchange_udp (TodokeDnsResolver  *self,
              GBytes             *query,
              GCancellable       *cancellable,
              GError            **error)
{
  g_autoptr(GSocket) socket = NULL;
  /* A GByteArray, not g_autofree: scan-build 14 does not see cleanups run. */
  g_autoptr(GByteArray) buffer = g_byte_array_sized_new (MAX_MESSAGE);
  gssize received;

  socket = g_socket_new (g_socket_address_get_family (self->server), G_SOCKET_TYPE_DATAGRAM,
                         G_SOCKET_PROTOCOL_UDP, error);
  if (socket == NULL)
    return NULL;
  g_socket_set_timeout (socket, self->timeout_s);
  if (g_socket_send_to (socket, self->server, g_bytes_get_data (query, NULL),
                        g_bytes_get_size (query), cancellable, error) < 0)
    return NULL;
  g_byte_array_set_size (buffer, MAX_MESSAGE);
  received = g_socket_receive (socket, (char *) buffer->data, MAX_MESSAGE, cancellable, error);
  if (received < 0)
    return NULL;

  return g_bytes_new (buffer->data, received);
}

static GBytes *
exchange_tcp (TodokeDnsResolver  *self,
              GBytes             *query,
              GCancellable       *cancellable,
              GError            **error)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autofree guint8 *buffer = NULL;
  gsize size = g_bytes_get_size (query);
  guint8 prefix[2] = { size >> 8, size & 0xff };
  GInputStream *in;
  GOutputStream *out;
  gsize length;

  g_socket_client_set_timeout (client, self->timeout_s);
  connection = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (self->server), cancellable, error);
  if (connection == NULL)
    return NULL;
  in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  if (!g_output_stream_write_all (out, prefix, 2, NULL, cancellable, error) ||
      !g_output_stream_write_all (out, g_bytes_get_data (query, NULL), size, NULL, cancellable, error) ||
      !g_input_stream_read_all (in, prefix, 2, &length, cancellable, error))
    return NULL;
  length = (prefix[0] << 8) | prefix[1];
  buffer = g_malloc (MAX(length, 1));
  if (!g_input_stream_read_all (in, buffer, length, &size, cancellable, error))
    return NULL;

  return g_bytes_new (buffer, size);
}

static GList *
query (TodokeDnsResolver  *self,
       const char         *name,
       guint16             type,
       GCancellable       *cancellable,
       GError            **error)
{
  guint16 id = g_random_int_range (0, 0x10000);
  g_autoptr(GBytes) request = build_query (name, type, id);
  g_autoptr(GBytes) response = NULL;
  g_autoptr(GError) local_error = NULL;

  if (strlen (name) > MAX_NAME)
    {
      g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "name too long");
      return NULL;
    }
  response = exchange_udp (self, request, cancellable, &local_error);
  if (response != NULL && g_bytes_get_size (response) > 2 &&
      (((const guint8 *) g_bytes_get_data (response, NULL))[2] & 0x02) != 0)
    {
      g_clear_pointer (&response, g_bytes_unref);
      response = exchange_tcp (self, request, cancellable, &local_error);
    }
  if (response == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_TEMPORARY_FAILURE,
                     "no answer from the DNS server for %s: %s", name, local_error->message);
      return NULL;
    }

  return parse_response (response, name, type, id, error);
}

static GList *
lookup_by_name (GResolver     *resolver,
                const char    *hostname,
                GCancellable  *cancellable,
                GError       **error)
{
  TodokeDnsResolver *self = TODOKE_DNS_RESOLVER (resolver);
  g_autoptr(GError) v4_error = NULL;
  GList *v4 = query (self, hostname, DNS_TYPE_A, cancellable, &v4_error);
  GList *v6;

  if (g_error_matches (v4_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&v4_error));
      return NULL;
    }
  v6 = query (self, hostname, DNS_TYPE_AAAA, cancellable, v4 == NULL ? error : NULL);
  if (v4 != NULL && error != NULL && *error != NULL)
    g_clear_error (error);

  return g_list_concat (v4, v6);
}

static GList *
lookup_records (GResolver            *resolver,
                const char           *rrname,
                GResolverRecordType   record_type,
                GCancellable         *cancellable,
                GError              **error)
{
  TodokeDnsResolver *self = TODOKE_DNS_RESOLVER (resolver);

  switch (record_type)
    {
    case G_RESOLVER_RECORD_MX:
      return query (self, rrname, DNS_TYPE_MX, cancellable, error);
    case G_RESOLVER_RECORD_TXT:
      return query (self, rrname, DNS_TYPE_TXT, cancellable, error);
    case G_RESOLVER_RECORD_NS:
      return query (self, rrname, DNS_TYPE_NS, cancellable, error);
    case G_RESOLVER_RECORD_SRV:
    case G_RESOLVER_RECORD_SOA:
    default:
      g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_INTERNAL, "record type not supported");
      return NULL;
    }
}

typedef struct
{
  char                *name;
  GResolverRecordType  type;
  gboolean             records;
} AsyncLookup;

static void
async_lookup_free (AsyncLookup *lookup)
{
  g_free (lookup->name);
  g_free (lookup);
}

static void
lookup_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AsyncLookup *lookup = task_data;
  GError *error = NULL;
  GList *items;

  if (lookup->records)
    items = lookup_records (source, lookup->name, lookup->type, cancellable, &error);
  else
    items = lookup_by_name (source, lookup->name, cancellable, &error);
  if (items == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, items, NULL);
}

static void
start_lookup (GResolver           *resolver,
              const char          *name,
              GResolverRecordType  type,
              gboolean             records,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);
  AsyncLookup *lookup = g_new0 (AsyncLookup, 1);

  lookup->name = g_strdup (name);
  lookup->type = type;
  lookup->records = records;
  g_task_set_source_tag (task, start_lookup);
  g_task_set_task_data (task, lookup, (GDestroyNotify) async_lookup_free);
  g_task_run_in_thread (task, lookup_thread);
}

static void
lookup_by_name_async (GResolver           *resolver,
                      const char          *hostname,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  start_lookup (resolver, hostname, 0, FALSE, cancellable, callback, user_data);
}

static void
lookup_records_async (GResolver           *resolver,
                      const char          *rrname,
                      GResolverRecordType  record_type,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  start_lookup (resolver, rrname, record_type, TRUE, cancellable, callback, user_data);
}

static GList *
lookup_finish (GResolver     *resolver,
               GAsyncResult  *result,
               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, resolver), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
todoke_dns_resolver_finalize (GObject *object)
{
  TodokeDnsResolver *self = (TodokeDnsResolver *) object;

  g_clear_object (&self->server);

  G_OBJECT_CLASS (todoke_dns_resolver_parent_class)->finalize (object);
}

static void
todoke_dns_resolver_class_init (TodokeDnsResolverClass *klass)
{
  GResolverClass *resolver_class = G_RESOLVER_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = todoke_dns_resolver_finalize;
  resolver_class->lookup_by_name = lookup_by_name;
  resolver_class->lookup_by_name_async = lookup_by_name_async;
  resolver_class->lookup_by_name_finish = lookup_finish;
  resolver_class->lookup_records = lookup_records;
  resolver_class->lookup_records_async = lookup_records_async;
  resolver_class->lookup_records_finish = lookup_finish;
}

static void
todoke_dns_resolver_init (TodokeDnsResolver *self)
{
  self->timeout_s = 5;
}

/* @server: "127.0.0.1", "127.0.0.1:5353", "[::1]:53". */
TodokeDnsResolver *
_todoke_dns_resolver_new (const char  *server,
                          guint        timeout_ms,
                          GError     **error)
{
  g_autoptr(GSocketConnectable) address = g_network_address_parse (server, 53, error);
  g_autoptr(GInetAddress) inet = NULL;
  TodokeDnsResolver *self;

  if (address == NULL)
    return NULL;
  inet = g_inet_address_new_from_string (g_network_address_get_hostname (G_NETWORK_ADDRESS (address)));
  if (inet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "the DNS server must be an IP address: %s", server);
      return NULL;
    }
  self = g_object_new (TODOKE_TYPE_DNS_RESOLVER, NULL);
  self->server = g_inet_socket_address_new (inet, g_network_address_get_port (G_NETWORK_ADDRESS (address)));
  self->timeout_s = MAX (1, (timeout_ms + 999) / 1000);

  return self;
}
