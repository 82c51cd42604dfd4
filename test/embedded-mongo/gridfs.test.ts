/**
 * GridFS through the driver's GridFSBucket (interview recordings are stored this way).
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { expect } from 'chai';
import { GridFSBucket, type Db } from 'mongodb';
import { startTarget, type Target } from './target.js';

describe('embedded-mongo · GridFS', function () {
  let target: Target;
  let db: Db;

  before(async function () {
    target = await startTarget();
    db = (await target.client()).db(target.dbName);
  });

  after(async function () {
    await target?.stop();
  });

  it('上传 → 按范围读取 → 整个下载 → 删除', async function () {
    const bucket = new GridFSBucket(db, { bucketName: 'recordings', chunkSizeBytes: 64 * 1024 });
    const data = randomBytes(300 * 1024 + 17);
    const upload = bucket.openUploadStream('answer-1.webm', { metadata: { candidate: 'c1' } });
    await new Promise<void>((resolve, reject) => {
      Readable.from([data]).pipe(upload).on('finish', () => resolve()).on('error', reject);
    });
    const id = upload.id;

    const files = await bucket.find({ filename: 'answer-1.webm' }).toArray();
    expect(files).to.have.length(1);
    expect(files[0]?.length).to.equal(data.length);
    expect(files[0]?.metadata).to.deep.equal({ candidate: 'c1' });
    expect(await db.collection('recordings.chunks').countDocuments({ files_id: id })).to.equal(5);
    const chunkIndexes = (await db.collection('recordings.chunks').indexes()).map((i) => i.key);
    expect(chunkIndexes).to.deep.include({ files_id: 1, n: 1 });

    const whole = await buffer(bucket.openDownloadStream(id));
    expect(whole.equals(data)).to.equal(true);
    const range = await buffer(bucket.openDownloadStream(id, { start: 65_000, end: 200_001 }));
    expect(range.equals(data.subarray(65_000, 200_001))).to.equal(true);
    const byName = await buffer(bucket.openDownloadStreamByName('answer-1.webm', { start: 10, end: 20 }));
    expect(byName.equals(data.subarray(10, 20))).to.equal(true);

    await bucket.delete(id);
    expect(await bucket.find({}).toArray()).to.have.length(0);
    expect(await db.collection('recordings.chunks').countDocuments()).to.equal(0);
  });
});
