using System.Globalization;
using Microsoft.Data.Sqlite;

namespace OgcTiler.Server.Seeding.Outputs;

/// <summary>
/// An MBTiles 1.3 file (SQLite through Microsoft.Data.Sqlite): rows counted from the bottom (TMS) as the spec says,
/// tiles committed one by one so a stopped run keeps what it wrote and <c>--skip-existing</c> resumes it. The metadata
/// (name, format, bounds, center, zooms) is written at the end from the tiles the file holds.
/// </summary>
internal sealed class MbTilesOutput : ITileOutput
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _exists;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private MbTilesOutput(string path, SqliteConnection connection)
    {
        Path = path;
        _connection = connection;
        _insert = Command("INSERT OR REPLACE INTO tiles (zoom_level, tile_column, tile_row, tile_data) VALUES ($z, $x, $y, $data)", "$z", "$x", "$y", "$data");
        _exists = Command("SELECT 1 FROM tiles WHERE zoom_level = $z AND tile_column = $x AND tile_row = $y", "$z", "$x", "$y");
    }

    public string Path { get; }

    /// <summary>Opens the file, creating it and its tables when new.</summary>
    public static MbTilesOutput Open(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        try
        {
            connection.Open();
            Execute(connection, """
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = NORMAL;
                CREATE TABLE IF NOT EXISTS metadata (name TEXT NOT NULL, value TEXT);
                CREATE UNIQUE INDEX IF NOT EXISTS metadata_name ON metadata (name);
                CREATE TABLE IF NOT EXISTS tiles (zoom_level INTEGER NOT NULL, tile_column INTEGER NOT NULL, tile_row INTEGER NOT NULL, tile_data BLOB NOT NULL);
                CREATE UNIQUE INDEX IF NOT EXISTS tile_index ON tiles (zoom_level, tile_column, tile_row);
                """);
            return new MbTilesOutput(path, connection);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new ArgumentException($"--output {path} is not an MBTiles file that can be written: {e.Message}", e);
        }
    }

    public async ValueTask<bool> ContainsAsync(TileAddress tile, CancellationToken cancellation)
    {
        await _gate.WaitAsync(cancellation);
        try
        {
            Bind(_exists, tile);
            return await _exists.ExecuteScalarAsync(cancellation) is not null;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask WriteAsync(TileAddress tile, byte[] bytes, CancellationToken cancellation)
    {
        await _gate.WaitAsync(cancellation);
        try
        {
            Bind(_insert, tile);
            _insert.Parameters["$data"].Value = bytes;
            await _insert.ExecuteNonQueryAsync(cancellation);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<string> CompleteAsync(TileSetInfo info, CancellationToken cancellation)
    {
        await _gate.WaitAsync(cancellation);
        try
        {
            using var zooms = _connection.CreateCommand();
            zooms.CommandText = "SELECT MIN(zoom_level), MAX(zoom_level), COUNT(*) FROM tiles";
            using var reader = await zooms.ExecuteReaderAsync(cancellation);
            await reader.ReadAsync(cancellation);
            var count = reader.GetInt64(2);
            var (min, max) = count > 0 ? (reader.GetInt32(0), reader.GetInt32(1)) : (info.MinZoom, info.MaxZoom);
            reader.Close();
            WriteMetadata(info, min, max);
            Execute(_connection, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;");
            return $"{Path}: MBTiles with {count} tiles, zooms {min}-{max}";
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _insert.Dispose();
        _exists.Dispose();
        await _connection.DisposeAsync();
        _gate.Dispose();
    }

    private void WriteMetadata(TileSetInfo info, int minZoom, int maxZoom)
    {
        var b = info.Wgs84Bounds;
        using var transaction = _connection.BeginTransaction();
        using var command = Command("INSERT OR REPLACE INTO metadata (name, value) VALUES ($name, $value)", "$name", "$value");
        command.Transaction = transaction;
        foreach (var (name, value) in new[]
        {
            ("name", info.Name),
            ("description", info.Title),
            ("format", info.Format.Extension),
            ("type", "overlay"),
            ("bounds", string.Create(CultureInfo.InvariantCulture, $"{b.MinX:R},{b.MinY:R},{b.MaxX:R},{b.MaxY:R}")),
            ("center", string.Create(CultureInfo.InvariantCulture, $"{(b.MinX + b.MaxX) / 2:R},{(b.MinY + b.MaxY) / 2:R},{minZoom}")),
            ("minzoom", minZoom.ToString(CultureInfo.InvariantCulture)),
            ("maxzoom", maxZoom.ToString(CultureInfo.InvariantCulture)),
        })
        {
            command.Parameters["$name"].Value = name;
            command.Parameters["$value"].Value = value;
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private static void Bind(SqliteCommand command, TileAddress tile)
    {
        command.Parameters["$z"].Value = tile.Zoom;
        command.Parameters["$x"].Value = tile.Col;
        command.Parameters["$y"].Value = (1 << tile.Zoom) - 1 - tile.Row;
    }

    private SqliteCommand Command(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        return command;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
