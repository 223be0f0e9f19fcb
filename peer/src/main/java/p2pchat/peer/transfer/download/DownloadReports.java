package p2pchat.peer.transfer.download;

import java.io.IOException;
import java.nio.ByteBuffer;
import p2pchat.peer.transfer.Manifest;
import p2pchat.protocol.message.ErrorCode;

/**
 * What a download's sources, its source search and its whole-file check report, passed on to the
 * {@link Download}, whose methods take its lock; they share that lock for the state they read.
 */
final class DownloadReports {
  private DownloadReports() {}

  /** What the sources of {@code download} report. */
  static SourceWorker.Owner forWorkers(Download download) {
    return new SourceWorker.Owner() {
      @Override
      public Object lock() {
        return download;
      }

      @Override
      public Manifest manifest() {
        return download.manifest();
      }

      @Override
      public DownloadState state() {
        return download.state();
      }

      @Override
      public void received(SourceWorker worker, int bytes) {
        download.received(worker, bytes);
      }

      @Override
      public boolean chunkDone(SourceWorker worker, int index, boolean ok, ByteBuffer bytes)
          throws IOException {
        return download.chunkDone(worker, index, ok, bytes);
      }

      @Override
      public void reclaim(SourceWorker worker) {
        download.reclaim(worker);
      }

      @Override
      public void misbehaved(SourceWorker worker, String what) {
        download.misbehaved(worker, what);
      }

      @Override
      public void refused(SourceWorker worker, ErrorCode code, String text) {
        download.refused(worker, code, text);
      }

      @Override
      public void closed(SourceWorker worker, String why) {
        download.closed(worker, why);
      }

      @Override
      public void writeFailed(IOException e) {
        download.writeFailed(e);
      }
    };
  }

  /** What the source search of {@code download} asks and reports. */
  static SourceSearch.Owner forSearch(Download download) {
    return new SourceSearch.Owner() {
      @Override
      public Object lock() {
        return download;
      }

      @Override
      public boolean over() {
        return download.over();
      }

      @Override
      public boolean started() {
        return download.started();
      }

      @Override
      public void ready(SourceWorker worker, Manifest manifest) {
        download.ready(worker, manifest);
      }

      @Override
      public void lost() {
        download.sourceLost();
      }

      @Override
      public void noneLeft(SourceBook.Verdict verdict) {
        download.noneLeft(verdict);
      }
    };
  }

  /** What the whole-file check of {@code download} reports. */
  static WholeFileCheck.Owner forWholeCheck(Download download) {
    return new WholeFileCheck.Owner() {
      @Override
      public Object lock() {
        return download;
      }

      @Override
      public boolean wanted(WholeFileCheck check) {
        return download.wanted(check);
      }

      @Override
      public void checked(boolean matches) {
        download.wholeChecked(matches);
      }

      @Override
      public void readFailed(IOException e) {
        download.readFailed(e);
      }
    };
  }
}
