"""The Spark engine: the same work as the default DuckDB path, run on Apache Spark (local mode here, a cluster
elsewhere). pyspark is imported only inside this package's functions, so the default path needs neither it nor
Java."""
