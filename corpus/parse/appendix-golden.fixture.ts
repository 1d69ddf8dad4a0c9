/**
 * Expected rows of the three sample appendices, read off the source tables by eye:
 * [section after "Phụ lục.", Chỉ tiêu, Đơn vị, Chỉ tiêu năm 2024, Cơ quan chủ trì thực hiện,
 * Cơ quan chủ trì đánh giá]; "" where the table leaves the cell empty. Sub-rows carry the
 * agencies inherited from their parent row.
 */
export type GoldenRow = readonly [string, string, string, string, string, string];

export const NAM_DINH_ROWS: readonly GoldenRow[] = [
  ["I.01", "Cập nhật dữ liệu quy định kinh doanh trên Cổng Tham vấn và Tra cứu quy định kinh doanh", "%", "100", "Sở, ban, ngành, UBND các huyện và thành phố", "VP UBND tỉnh"],
  ["II.01", "Tỷ lệ cung cấp dịch vụ công trực tuyến toàn trình trên tổng số thủ tục hành chính có đủ điều kiện trên Cổng Dịch vụ công quốc gia.", "%", "Tối thiểu 80", "Sở, ban, ngành, UBND các huyện và thành phố", "Sở Thông tin truyền thông"],
  ["II.02", "Tỷ lệ thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia trên tổng số giao dịch thanh toán của dịch vụ công.", "%", "Tối thiểu 45", "Sở, ban, ngành, UBND các huyện và thành phố", "Sở Thông tin truyền thông"],
  ["II.03", "Tỷ lệ hồ sơ trực tuyến trên tổng số hồ sơ tiếp nhận, giải quyết thủ tục hành chính.", "%", "Tối thiểu 50", "Sở, ban, ngành, UBND các huyện và thành phố", "Sở Thông tin truyền thông"],
  ["II.04", "Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính.", "%", "Tối thiểu 80", "Sở, ban, ngành, UBND các huyện và thành phố", "Sở Thông tin truyền thông"],
  ["II.05", "Tỷ lệ cấp kết quả giải quyết thủ tục hành chính điện tử.", "%", "100", "Sở, ban, ngành, UBND các huyện và thành phố", "VP UBND tỉnh"],
  ["II.06", "Tỷ lệ thực hiện chứng thực bản sao điện tử từ bản chính tại UBND cấp xã và Phòng Tư pháp cấp huyện.", "%", "100", "UBND các huyện và thành phố", "Sở Tư pháp"],
  ["II.07", "Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu số hóa.", "%", "Tối thiểu 50", "Sở, ban, ngành, UBND các huyện và thành phố", "Sở Thông tin truyền thông, Công an tỉnh"],
  ["II.08", "Tỷ lệ các bệnh viện từ hạng 2 trở lên cung cấp thanh toán viện phí bằng bảo hiểm y tế trên Cổng Dịch vụ công quốc gia.", "%", "Tối thiểu 50", "Sở Y tế phối với với Bảo hiểm xã hội tỉnh", "Sở Y tế phối hợp Sở Thông tin truyền thông"],
  ["II.09", "Tỷ lệ công bố, công khai thủ tục hành chính đúng hạn.", "%", "100", "Sở, ban, ngành, UBND các huyện và thành phố", "VP UBND tỉnh"],
  ["II.10", "Tỷ lệ kết quả xử lý hồ sơ thủ tục hành chính của bộ, ngành, địa phương được đồng bộ đầy đủ trên Cổng Dịch vụ công quốc gia.", "%", "100", "Sở, ban, ngành, UBND các huyện và thành phố", "Sở Thông tin truyền thông"],
  ["II.11", "Tỷ lệ xử lý phản ánh, kiến nghị đúng hạn.", "%", "100", "Sở, ban, ngành, UBND các huyện và thành phố", "VP UBND tỉnh"],
  ["II.12", "Mức độ hài lòng trong tiếp nhận, giải quyết thủ tục hành chính của người dân, doanh nghiệp.", "%", "Tối thiểu 90", "Sở, ban, ngành, UBND các huyện và thành phố", "VP UBND tỉnh"],
];

export const BAC_GIANG_ROWS: readonly GoldenRow[] = [
  ["I", "Phối hợp với Bộ ngành, trung ương, cập nhật dữ liệu quy định kinh doanh trên Cổng Tham vấn và Tra cứu quy định kinh doanh (khi có yêu cầu)", "%", "100 %", "Sở Kế hoạch và Đầu tư", ""],
  ["II.1", "Tỷ lệ cung cấp dịch vụ công trực tuyến toàn tỉnh trên tổng số thủ tục hành chính có đủ điều kiện trên Cổng Dịch vụ công quốc gia.", "%", "Tối thiểu 80 %", "Sở Nội vụ", ""],
  ["II.2", "Tỷ lệ thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia trên tổng số giao dịch thanh toán của dịch vụ công", "%", "Trên 60%", "Sở Thông tin và Truyền thông", ""],
  ["II.3", "Tỷ lệ hồ sơ trực tuyến trên tổng số hồ sơ tiếp nhận, giải quyết thủ tục hành chính.", "%", "Trên 70%", "Các sở, ngành; UBND cấp huyện, UBND cấp xã", ""],
  ["II.4", "Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính.", "%", "100%", "Các sở, ngành; UBND cấp huyện, UBND cấp xã", ""],
  ["II.5", "Tỷ lệ cấp kết quả giải quyết thủ tục hành chính điện tử.", "%", "100%", "Các sở, ngành; UBND cấp huyện, UBND cấp xã", ""],
  ["II.6", "Tỷ lệ thực hiện chứng thực bản sao điện tử từ bản chính tại UBND cấp xã và Phòng Tư pháp cấp huyện.", "%", "100%", "UBND cấp huyện, UBND cấp xã", ""],
  ["II.7", "Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu số hóa.", "%", "Tối thiểu 50%", "Các sở, ngành; UBND cấp huyện, UBND cấp xã", ""],
  ["II.8", "Tỷ lệ các bệnh viện từ hạng 2 trở lên cung cấp thanh toán viện phí bằng bảo hiểm y tế trên Cổng Dịch vụ công quốc gia.", "%", "Tối thiểu 50%", "Sở, ngành, UBND huyện, thành phố", ""],
  ["II.9", "Tỷ lệ công bố, công khai thủ tục hành chính đúng hạn.", "%", "100%", "Các sở, ngành; UBND cấp huyện, UBND cấp xã", ""],
  ["II.10", "Tỷ lệ kết quả xử lý hồ sơ thủ tục hành chính của địa phương được đồng bộ đầy đủ trên Cổng Dịch vụ công quốc gia.", "%", "100%", "Sở, ngành, UBND huyện, thành phố", ""],
  ["II.11", "Tỷ lệ xử lý phản ánh, kiến nghị đúng hạn.", "%", "100%", "Các sở, ngành; UBND cấp huyện, UBND cấp xã", ""],
  ["II.12", "Mức độ hài lòng trong tiếp nhận, giải quyết thủ tục hành chính của người dân, doanh nghiệp.", "%", "Tối thiểu 90%", "Các sở, ngành; UBND cấp huyện, UBND cấp xã", ""],
];

export const NINH_THUAN_ROWS: readonly GoldenRow[] = [
  ["1", "Tỷ lệ cung cấp dịch vụ công trực tuyến toàn trình trên tổng số TTHC có đủ điều kiện trên Cổng dịch vụ công quốc gia.", "%", "Tối thiểu 80", "Sở, ban, ngành thuộc tỉnh; UBND huyện, thành phố; UBND các xã, phường, thị trấn", "Văn phòng UBND tỉnh (CQKSTTHC)"],
  ["2", "Tỷ lệ thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia trên tổng số giao dịch thanh toán của dịch vụ công.", "", "", "Sở, ban, ngành thuộc tỉnh; UBND huyện, thành phố", "Văn phòng UBND tỉnh (CQKSTTHC)"],
  ["2.1", "Đối với cấp tỉnh", "%", "Tối thiểu 60", "Sở, ban, ngành thuộc tỉnh; UBND huyện, thành phố", "Văn phòng UBND tỉnh (CQKSTTHC)"],
  ["2.2", "Đối với cấp huyện", "%", "Tối thiểu 45", "Sở, ban, ngành thuộc tỉnh; UBND huyện, thành phố", "Văn phòng UBND tỉnh (CQKSTTHC)"],
  ["2.3", "Đối với cấp xã", "%", "Tối thiểu 35", "Sở, ban, ngành thuộc tỉnh; UBND huyện, thành phố", "Văn phòng UBND tỉnh (CQKSTTHC)"],
  ["3", "Tỷ lệ hồ sơ trực tuyến trên tổng số hồ sơ tiếp nhận, giải quyết TTHC.", "", "", "Sở, ban, ngành thuộc tỉnh; UBND huyện, thành phố", "Văn phòng UBND tỉnh (CQKSTTHC)"],
  ["3.1", "Đối với cấp tỉnh", "%", "Tối thiểu 75", "Sở, ban, ngành thuộc tỉnh; UBND huyện, thành phố", "Văn phòng UBND tỉnh (CQKSTTHC)"],
  ["3.2", "Đối với cấp huyện", "%", "Tối thiểu 75", "Sở, ban, ngành thuộc tỉnh; UBND huyện, thành phố", "Văn phòng UBND tỉnh (CQKSTTHC)"],
  ["3.3", "Đối với cấp xã", "%", "Tối thiểu 75", "Sở, ban, ngành thuộc tỉnh; UBND huyện, thành phố", "Văn phòng UBND tỉnh (CQKSTTHC)"],
  ["4", "Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC.", "", "", "Sở, ban, ngành thuộc tỉnh; UBND huyện, thành phố", "Văn phòng UBND tỉnh (CQKSTTHC)"],
  ["4.1", "Đối với cấp tỉnh", "%", "Tối thiểu 90", "Sở, ban, ngành thuộc tỉnh; UBND huyện, thành phố", "Văn phòng UBND tỉnh (CQKSTTHC)"],
  ["4.2", "Đối với cấp huyện", "%", "Tối thiểu 85", "Sở, ban, ngành thuộc tỉnh; UBND huyện, thành phố", "Văn phòng UBND tỉnh (CQKSTTHC)"],
  ["4.3", "Đối với cấp xã", "%", "Tối thiểu 80", "Sở, ban, ngành thuộc tỉnh; UBND huyện, thành phố", "Văn phòng UBND tỉnh (CQKSTTHC)"],
  ["5", "Tỷ lệ kết quả xử lý hồ sơ TTHC được đồng bộ đầy đủ trên Cổng Dịch vụ công quốc gia.", "%", "100", "Văn phòng UBND tỉnh; Sở Thông tin và Truyền thông", "Văn phòng UBND tỉnh (CQKSTTHC)"],
  ["6", "Tỷ lệ xử lý văn bản, hồ sơ công việc (trừ hồ sơ mật) trên môi trường mạng", "", "", "Sở, ban, ngành thuộc tỉnh; UBND huyện, thành phố", "Văn phòng UBND tỉnh (CQKSTTHC)"],
  ["6.1", "Đối với cấp tỉnh", "%", "100", "Sở, ban, ngành thuộc tỉnh; UBND huyện, thành phố", "Văn phòng UBND tỉnh (CQKSTTHC)"],
  ["6.2", "Đối với cấp huyện", "%", "98", "Sở, ban, ngành thuộc tỉnh; UBND huyện, thành phố", "Văn phòng UBND tỉnh (CQKSTTHC)"],
  ["6.3", "Đối với cấp xã", "%", "96", "Sở, ban, ngành thuộc tỉnh; UBND huyện, thành phố", "Văn phòng UBND tỉnh (CQKSTTHC)"],
  ["7", "Cắt giảm, đơn giản hóa TTHC, quy định kinh doanh", "", "", "", ""],
  ["7.1", "Cập nhật dữ liệu, quy định kinh doanh trên cổng tham vấn và tra cứu quy định kinh doanh", "%", "100", "Sở Kế hoạch đầu tư", "Văn phòng UBND tỉnh (CQKSTTHC)"],
  ["8", "Nâng cao chất lượng phục vụ người dân, doanh nghiệp trong việc thực hiện TTHC, dịch vụ công", "", "", "", ""],
  ["8.1", "Tỷ lệ cung cấp dịch vụ công toàn trình trên Cổng dịch vụ công quốc gia trên tổng số TTHC có đủ điều kiện trên Cổng dịch vụ công quốc gia", "%", "Tối thiểu 80", "Sở, ban, ngành thuộc tỉnh; UBND huyện, thành phố; UBND các xã, phường, thị trấn", "Văn phòng UBND tỉnh (CQKSTTHC)"],
  ["8.2", "Tỷ lệ cấp kết quả giải quyết TTHC điện tử", "%", "100", "Sở, ban, ngành thuộc tỉnh; UBND huyện, thành phố; UBND các xã, phường, thị trấn.", "Văn phòng UBND tỉnh (CQKSTTHC)"],
  ["8.3", "Tỷ lệ thực hiện chứng thực điện tử từ bản chính tại UBND cấp xã, và phòng tư pháp cấp huyện.", "%", "100", "UBND huyện, thành phố; UBND các xã, phường, thị trấn.", "Văn phòng UBND tỉnh (CQKSTTHC)"],
  ["8.4", "Tỷ lệ khai thác, sử dụng lại thông tin dữ liệu số hóa", "%", "Tối thiểu 50", "Sở, ban, ngành thuộc tỉnh; UBND huyện, thành phố; UBND các xã, phường, thị trấn.", "Văn phòng UBND tỉnh (CQKSTTHC)"],
  ["8.5", "Tỷ lệ các bệnh viện hạng 2 trở lên cung cấp thanh toán viện phí trên Cổng dịch vụ công quốc gia", "%", "Tối thiểu 50", "Sở Y tế phối hợp với bảo hiểm xã hội tỉnh trên cơ sở hướng dẫn của Bộ Y tế", "Văn phòng UBND tỉnh (CQKSTTHC)"],
  ["8.6", "Tỷ lệ công bố, công khai TTHC đúng hạn", "%", "100", "Sở, ban, ngành thuộc tỉnh; UBND huyện, thành phố", "Văn phòng UBND tỉnh (CQKSTTHC)"],
  ["8.7", "Tỷ lệ kết quả xử lý hồ sơ TTHC được đồng bộ đầy đủ trên Cổng dịch vụ công quốc gia", "%", "100", "Sở Thông tin và Truyền thông", "Văn phòng UBND tỉnh (CQKSTTHC)"],
  ["8.8", "Tỷ lệ xử lý phản ánh hiện trường, xử lý phản ánh kiến nghị trên cổng dịch vụ công quốc gia đúng hạn", "%", "100", "Sở, ban, ngành thuộc tỉnh; UBND huyện, thành phố; UBND các xã, phường, thị trấn.", "Văn phòng UBND tỉnh (CQKSTTHC)"],
  ["8.9", "Mức độ hài lòng trong tiếp nhận, giải quyết TTHC của người dân, doanh nghiệp.", "%", "90", "Sở, ban, ngành thuộc tỉnh; UBND huyện, thành phố; UBND các xã, phường, thị trấn.", "Văn phòng UBND tỉnh (CQKSTTHC)"],
];
