/**
 * Rate–distortion training: an autoencoder whose quantised latent is cheap to entropy-code.
 *
 * <p>Entry point: {@link io.latentwire.trainer.rd.RdTrainer#train} takes normalised records as a
 * row-major {@code float[]} or a {@link io.latentwire.trainer.rd.RowSource} (rows read one batch at
 * a time, e.g. from a memory-mapped spool), a validated {@link io.latentwire.trainer.rd.RdConfig}
 * (architecture {@link io.latentwire.trainer.rd.Architecture#MLP}, {@link
 * io.latentwire.trainer.rd.Architecture#CONV2D} or {@link
 * io.latentwire.trainer.rd.Architecture#CONV1D}, and {@code lambda}, the price of a bit) and a
 * {@link io.latentwire.trainer.rd.RdProgressListener}, and returns a {@link
 * io.latentwire.trainer.rd.TrainedRdModel} (which owns native memory: close it). The model offers
 * its weights for ONNX export ({@code OnnxExporter.exportEncoder(RdWeights, Map)}), DJL {@code
 * encode}/{@code decode} for evaluation, and {@link
 * io.latentwire.trainer.rd.TrainedRdModel#ladder}: per quantisation step, the per-dimension
 * frequency tables and the bytes and PSNR they achieve.
 *
 * <p>Training and deployment are kept apart, as in CompressAI: the training path adds uniform noise
 * to the latent and prices it under a learned factorized prior; the deployment path ({@code
 * encode}, the exports, the ladder) rounds, and prices symbols with tables counted on the training
 * codes. Nothing of the noise or the prior reaches the bundle.
 *
 * <p><b>Measured</b> on Fashion-MNIST (tables from the 60k training images, figures on the 10k test
 * images, each record coded alone, bytes as {@link io.latentwire.trainer.rd.LadderPoint} estimates
 * them with a 2-byte header; one intra-op thread; seed 42; learning rate 2e-3 decaying to 1e-4; CPU
 * seconds of the training process, including the per-epoch validation pass):
 *
 * <table>
 *   <caption>rate and distortion on the Fashion-MNIST test set</caption>
 *   <tr><th>model</th><th>lambda</th><th>epochs</th><th>CPU s</th><th>step</th>
 *       <th>bytes/record</th><th>PSNR dB</th></tr>
 *   <tr><td>MLP 784-512-256-64, batch 256</td><td>0.03</td><td>30</td><td>196</td><td>1</td>
 *       <td>11.26</td><td>20.48</td></tr>
 *   <tr><td>same</td><td>0.03</td><td>30</td><td>196</td><td>1.5</td><td>9.32</td><td>20.06</td></tr>
 *   <tr><td>same</td><td>0.015</td><td>30</td><td>202</td><td>1</td><td>15.52</td><td>20.99</td></tr>
 *   <tr><td>same</td><td>0.06</td><td>30</td><td>205</td><td>1</td><td>8.19</td><td>19.88</td></tr>
 *   <tr><td>same</td><td>0.06</td><td>30</td><td>205</td><td>0.5</td><td>10.57</td><td>20.21</td></tr>
 *   <tr><td>same</td><td>0.03</td><td>10</td><td>73</td><td>1</td><td>10.83</td><td>19.40</td></tr>
 *   <tr><td>CONV2D 48 ch, 28→4, 32 latent ch, batch 64</td><td>0.03</td><td>5</td><td>210</td>
 *       <td>1</td><td>16.86</td><td>20.51</td></tr>
 *   <tr><td>same</td><td>0.03</td><td>5</td><td>210</td><td>1.25</td><td>14.47</td><td>20.05</td></tr>
 *   <tr><td>same</td><td>0.015</td><td>5</td><td>207</td><td>1</td><td>23.01</td><td>21.22</td></tr>
 *   <tr><td>same</td><td>0.06</td><td>5</td><td>220</td><td>1</td><td>11.58</td><td>19.43</td></tr>
 * </table>
 *
 * Within about 3.5 minutes of one core both architectures pass 20 dB below 20 bytes; the MLP gets
 * there with fewer bytes, the convolutional model keeps gaining at higher rates (22.0 dB at 36.7
 * bytes, step 0.5 of lambda 0.015) where the MLP flattens out (21.3 dB at 21.2 bytes). In ONNX
 * Runtime (one thread, batch 64) the MLP encodes and decodes about 185k records/s each, the
 * convolutional model 21k and 9k.
 *
 * <p>Training schedule: linear learning-rate warm-up then a half cosine ({@code
 * LearningRateSchedule}); optional early stopping on the validation loss (distortion + lambda ·
 * rate of the rounded path) that restores the best epoch's weights. Each epoch's learning rate and
 * validation loss are in {@link io.latentwire.trainer.rd.RdEpochStats}.
 *
 * <p>Not here: field mapping, normalisation and the bundle format (codec); the pipeline that wires
 * them together ({@code io.latentwire.trainer.pipeline}).
 */
package io.latentwire.trainer.rd;
